using Routing.Contracts.V1;

namespace Routing.Cli.Commands;

/// <summary>
/// What an agent is doing, in a supervisor's words, from its presence and the interactions it holds:
/// presence alone says "Available" for an agent on a call, while the queues count it busy.
/// </summary>
internal static class AgentActivity
{
    private enum Work
    {
        None,
        Ringing,
        WrapUp,
        Talking,
    }

    /// <summary>"Busy (voice 1/1)", "Wrap-up", "Ringing", "Ready", "Not ready: break" or "Offline". Work in hand
    /// comes first; a not-ready agent still holding work shows both ("Wrap-up, then not ready: break").</summary>
    public static string Describe(AgentState agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var work = WorkOf(agent) switch
        {
            Work.Talking => $"Busy ({string.Join(", ", BusyChannels(agent))})",
            Work.WrapUp => "Wrap-up",
            Work.Ringing => "Ringing",
            _ => null,
        };
        var presence = agent.Presence switch
        {
            Presence.Available => "Ready",
            Presence.NotReady => string.IsNullOrEmpty(agent.Reason) ? "Not ready" : $"Not ready: {agent.Reason}",
            _ => "Offline",
        };
        return (work, agent.Presence) switch
        {
            (null, _) => presence,
            (_, Presence.Available) => work,
            _ => $"{work}, then {char.ToLowerInvariant(presence[0])}{presence[1..]}",
        };
    }

    /// <summary>The Spectre colour for <see cref="Describe"/>'s text.</summary>
    public static string Colour(AgentState agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return WorkOf(agent) switch
        {
            Work.Talking => "red",
            Work.WrapUp => "blue",
            Work.Ringing => "yellow",
            _ => agent.Presence switch
            {
                Presence.Available => "green",
                Presence.NotReady => "yellow",
                _ => "grey",
            },
        };
    }

    /// <summary>The most absorbing phase among the agent's interactions: talking, then wrap-up, then ringing (an
    /// offer being made or ringing). A server that sends no interactions still sends the load; any load is then
    /// taken as talking.</summary>
    private static Work WorkOf(AgentState agent)
    {
        if (agent.Interactions.Count == 0)
        {
            return BusyChannels(agent).Any() ? Work.Talking : Work.None;
        }
        return agent.Interactions.Max(i => i.Phase switch
        {
            "CONNECTED" => Work.Talking,
            "WRAP_UP" => Work.WrapUp,
            _ => Work.Ringing,
        });
    }

    /// <summary>Each channel in use as "voice 1/1": its load against its capacity.</summary>
    private static IEnumerable<string> BusyChannels(AgentState agent)
    {
        var load = agent.Load ?? new ChannelCounts();
        var capacity = agent.Capacity ?? new ChannelCounts();
        (string Name, int Load, int Capacity)[] channels =
        [
            ("voice", load.Voice, capacity.Voice),
            ("chat", load.Chat, capacity.Chat),
            ("email", load.Email, capacity.Email),
            ("message", load.Message, capacity.Message),
            ("callback", load.Callback, capacity.Callback),
        ];
        return channels.Where(c => c.Load > 0).Select(c => $"{c.Name} {c.Load}/{c.Capacity}");
    }
}
