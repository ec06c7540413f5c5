namespace Routing.Abstractions;

/// <summary>
/// A tenant's history retention (keyed by tenant id): one activation in the cluster per tenant, so the tenant's daily
/// purge runs once however many silos there are. Its reminder ticks once a day while the tenant's configuration names a
/// retention period, and each tick deletes what is older than that period from every history table.
/// </summary>
[Alias("routing.history-retention")]
public interface IHistoryRetentionGrain : IGrainWithStringKey
{
    /// <summary>Keeps history for <paramref name="retentionDays"/> days (0: until purged by hand): starts the daily
    /// purge, changes its period or stops it. Idempotent; the tenant calls it each time its configuration is applied.</summary>
    [Alias("Schedule")]
    Task Schedule(int retentionDays);

    /// <summary>The retention period last scheduled (0: none).</summary>
    [AlwaysInterleave]
    [Alias("GetRetentionDays")]
    Task<int> GetRetentionDays();

    /// <summary>Deletes the tenant's history older than <paramref name="before"/> from every table, now. A no-op
    /// (nothing deleted) when the server keeps no history.</summary>
    [ResponseTimeout("00:10:00")]
    [Alias("Purge")]
    Task<HistoryPurgeResult> Purge(DateTimeOffset before);
}

/// <summary>What a purge deleted: rows per history table (every table, zero included), older than <see cref="Before"/>.</summary>
[GenerateSerializer, Immutable, Alias("routing.history-purge-result")]
public sealed record HistoryPurgeResult
{
    [Id(0)] public required DateTimeOffset Before { get; init; }

    /// <summary>Rows deleted, by table name.</summary>
    [Id(1)] public IReadOnlyDictionary<string, long> Deleted { get; init; } = new Dictionary<string, long>();

    /// <summary>False when the server keeps no history (nothing could be purged).</summary>
    [Id(2)] public bool HistoryEnabled { get; init; } = true;
}
