namespace Routing.History.Reports;

/// <summary>What a disposition report covers: the tenant's interactions that arrived in [<see cref="From"/>, <see cref="To"/>).</summary>
public sealed record DispositionQuery
{
    public required string TenantId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>Only these queues; empty: every queue.</summary>
    public IReadOnlyList<string> QueueIds { get; init; } = [];
}

/// <summary>How many interactions of one client and queue ended with one disposition code (null client: the queue named
/// none; null code: they ended without one).</summary>
public sealed record DispositionRow(string? ClientId, string QueueId, string? Code, long Count);
