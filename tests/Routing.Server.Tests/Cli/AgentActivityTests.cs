using Routing.Cli.Commands;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.Cli;

/// <summary>The agent state a supervisor reads on the wallboard, from presence and the interactions held.</summary>
public sealed class AgentActivityTests
{
    [Fact]
    public void Describe_AvailableAgentOnAVoiceCall_BusyWithLoadAgainstCapacity()
    {
        var agent = Agent(Presence.Available, 1, 0, ("CONNECTED", Channel.Voice));
        Assert.Equal("Busy (voice 1/1)", AgentActivity.Describe(agent));
    }

    [Fact]
    public void Describe_TalkingOnOneChannelAndInWrapUpOnAnother_BusyWithEveryChannelInUse()
    {
        var agent = Agent(Presence.Available, 1, 1, ("WRAP_UP", Channel.Voice), ("CONNECTED", Channel.Chat));
        Assert.Equal("Busy (voice 1/1, chat 1/3)", AgentActivity.Describe(agent));
    }

    [Theory]
    [InlineData("WRAP_UP", "Wrap-up")]
    [InlineData("OFFERED", "Ringing")]
    [InlineData("RESERVED", "Ringing")]
    public void Describe_AvailableAgentHoldingOneInteraction_ItsPhase(string phase, string expected)
    {
        var agent = Agent(Presence.Available, 1, 0, (phase, Channel.Voice));
        Assert.Equal(expected, AgentActivity.Describe(agent));
    }

    [Theory]
    [InlineData(Presence.Available, "", "Ready")]
    [InlineData(Presence.NotReady, "break", "Not ready: break")]
    [InlineData(Presence.NotReady, "", "Not ready")]
    [InlineData(Presence.Offline, "", "Offline")]
    public void Describe_AgentHoldingNothing_ItsPresence(Presence presence, string reason, string expected)
    {
        var agent = Agent(presence, 0, 0);
        agent.Reason = reason;
        Assert.Equal(expected, AgentActivity.Describe(agent));
    }

    [Fact]
    public void Describe_NotReadyAgentStillInWrapUp_BothWorkFirst()
    {
        var agent = Agent(Presence.NotReady, 1, 0, ("WRAP_UP", Channel.Voice));
        agent.Reason = "break";
        Assert.Equal("Wrap-up, then not ready: break", AgentActivity.Describe(agent));
    }

    [Fact]
    public void Describe_LoadWithoutInteractions_Busy()
    {
        Assert.Equal("Busy (voice 1/1)", AgentActivity.Describe(Agent(Presence.Available, 1, 0)));
    }

    private static AgentState Agent(Presence presence, int voice, int chat, params (string Phase, Channel Channel)[] interactions)
    {
        var agent = new AgentState
        {
            AgentId = "ann",
            Presence = presence,
            Load = new ChannelCounts { Voice = voice, Chat = chat },
            Capacity = new ChannelCounts { Voice = 1, Chat = 3, Email = 5 },
        };
        agent.Interactions.AddRange(interactions.Select((i, n) => new AgentInteraction { InteractionId = $"i{n}", QueueId = "sales", Phase = i.Phase, Channel = i.Channel }));
        return agent;
    }
}
