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

    /// <summary>Everything the state holds, in one comparable value.</summary>
    public string Picture() =>
        $"{Presence}({Reason}) misses {ConsecutiveMisses} today {InteractionsToday}@{TodayDayNumber} idle {IdleSince:O} slots "
        + string.Join(", ", Slots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
}
