using Routing.Core;

namespace Routing.Abstractions.Agents;

/// <summary>
/// One timestamped change of an agent's presence or load. Login time, break time and handling
/// time per agent are computed from these entries.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.agent-state-entry")]
public sealed record AgentStateEntry
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required Presence Presence { get; init; }
    [Id(3)] public string? Reason { get; init; }
    /// <summary>Slots in use per channel after the change.</summary>
    [Id(4)] public required ChannelCounts Load { get; init; }
    /// <summary>The cause's name: entries stored before <see cref="Cause"/> had a number of their own carry only
    /// this, and new entries carry it too, so a silo of the previous version (a rolling upgrade, a rollback)
    /// still reads their cause. Read through <see cref="Cause"/>.</summary>
    [Id(5)] internal string? LegacyCause { get; init; }
    [Id(6)] public string? InteractionId { get; init; }
    /// <summary>What caused it. An entry stored before the enum has no number here (Unknown), so its name is read.</summary>
    [Id(7)] public required AgentCause Cause
    {
        get => field is AgentCause.Unknown ? AgentCauseNames.FromWireName(LegacyCause) : field;
        init
        {
            field = value;
            if (value is not AgentCause.Unknown)
            {
                LegacyCause = value.ToWireName();
            }
        }
    }
}
