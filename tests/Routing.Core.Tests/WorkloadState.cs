using Xunit;

namespace Routing.Core.Tests;

/// <summary>An agent's stored state as the tests hold it, with a picture of it to show a refusal changed nothing.</summary>
internal sealed class WorkloadState : IAgentWorkloadState
{
    public Presence Presence { get; set; } = Presence.Offline;
    public string? Reason { get; set; }
    public Dictionary<string, AgentSlot> Slots { get; } = new(StringComparer.Ordinal);
    public int ConsecutiveMisses { get; set; }
    public int InteractionsToday { get; set; }
    public int TodayDayNumber { get; set; }
    public DateTimeOffset IdleSince { get; set; }

    /// <summary>Asserts that <paramref name="transition"/> is refused for <paramref name="expected"/>, asks for
    /// nothing and leaves this state as it was.</summary>
    public void AssertRefusedUnchanged(AgentRefusal expected, Func<AgentTransition> transition)
    {
        var before = Picture();

        var result = transition();

        Assert.Equal(expected, result.Refusal);
        Assert.False(result.Accepted);
        Assert.Empty(result.Moments);
        Assert.Empty(result.Withdraw);
        Assert.Equal(AgentEffects.None, result.Effects);
        Assert.Equal(before, Picture());
    }

    /// <summary>Everything the state holds, in one comparable value.</summary>
    public string Picture() =>
        $"{Presence}({Reason}) misses {ConsecutiveMisses} today {InteractionsToday}@{TodayDayNumber} idle {IdleSince:O} slots "
        + string.Join(", ", Slots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
}
