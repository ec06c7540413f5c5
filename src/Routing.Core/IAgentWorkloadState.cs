namespace Routing.Core;

/// <summary>
/// The part of an agent's stored state that <see cref="AgentWorkload"/> checks and changes. The agent grain's
/// state implements it with the properties it already stores, so the model works on the stored values in place
/// and the stored shape stays as it is.
/// </summary>
public interface IAgentWorkloadState
{
    Presence Presence { get; set; }
    /// <summary>The not-ready reason code, when <see cref="Presence"/> is NotReady.</summary>
    string? Reason { get; set; }
    /// <summary>Interactions occupying a slot, by interaction id.</summary>
    Dictionary<string, AgentSlot> Slots { get; }
    /// <summary>Offers in a row that rang unanswered.</summary>
    int ConsecutiveMisses { get; set; }
    /// <summary>Interactions connected on the day <see cref="TodayDayNumber"/>.</summary>
    int InteractionsToday { get; set; }
    /// <summary>The day, in the tenant's time zone, that <see cref="InteractionsToday"/> counts (DateOnly.DayNumber).</summary>
    int TodayDayNumber { get; set; }
    /// <summary>Since when the agent has held no slot.</summary>
    DateTimeOffset IdleSince { get; set; }
}
