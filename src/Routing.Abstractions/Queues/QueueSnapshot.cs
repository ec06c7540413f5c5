namespace Routing.Abstractions.Queues;

/// <summary>A queue as it stands: who waits, who is being offered, which agents are available.</summary>
[GenerateSerializer, Immutable, Alias("routing.queue-snapshot")]
public sealed record QueueSnapshot
{
    [Id(0)] public required string QueueId { get; init; }
    [Id(1)] public required bool Configured { get; init; }
    /// <summary>Waiting interaction ids in routing order (best first).</summary>
    [Id(2)] public required string[] Waiting { get; init; }
    /// <summary>Interaction ids currently offered (ringing), each with its agent.</summary>
    [Id(3)] public required Dictionary<string, string> Offered { get; init; }
    [Id(4)] public required string[] AvailableAgents { get; init; }
    [Id(5)] public DateTimeOffset? OldestArrival { get; init; }
}
