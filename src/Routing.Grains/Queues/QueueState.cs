using Routing.Abstractions.Configuration;
using Routing.Core;

namespace Routing.Grains.Queues;

/// <summary>The queue grain's stored state: its definition and line (waiting and ringing interactions).</summary>
[GenerateSerializer, Alias("routing.queue-state")]
public sealed class QueueState : IQueueLineState
{
    [Id(0)] public QueueDefinition? Definition { get; set; }
    // Id 1 held the members; they are in QueueMembersState now (written only when the configuration changes).
    /// <summary>Waiting interactions (the line is rebuilt from these on activation).</summary>
    [Id(2)] public List<WaitingEntry> Waiting { get; set; } = [];
    /// <summary>Interactions taken out of line for an offer, by interaction id.</summary>
    [Id(3)] public Dictionary<string, OfferedEntry> Offered { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public long NextSequence { get; set; }
    [Id(5)] public string? RoundRobinCursor { get; set; }
    /// <summary>The tenant's IANA time zone: the statistics' day starts at its midnight.</summary>
    [Id(6)] public string TimeZone { get; set; } = "UTC";
}

/// <summary>
/// The queue's members (agent ids), stored apart from its line: written only when the configuration changes,
/// not with every line change. In the line's state, a queue of 1,300 members serialised 1,300 strings at every
/// enqueue and offer, the largest single cost of a queue write.
/// </summary>
[GenerateSerializer, Alias("routing.queue-members")]
public sealed class QueueMembersState
{
    [Id(0)] public string[] Members { get; set; } = [];
}
