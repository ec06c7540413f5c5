namespace Routing.History.Feed;

/// <summary>The tenant-wide event feed kept with the history: read in position order, resumable from any position.
/// Every read is scoped to one tenant and brings the schema up to date first.</summary>
public interface IEventFeed
{
    /// <summary>Signalled when this process's store commits new feed events.</summary>
    FeedSignal Appended { get; }

    /// <summary>Up to <paramref name="limit"/> events of the tenant after <paramref name="afterPosition"/>, in position
    /// order; only those <paramref name="filter"/> lets through (all when it is empty).</summary>
    Task<IReadOnlyList<FeedEvent>> ReadAsync(string tenantId, long afterPosition, FeedTypeFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>The tenant's latest position (0 when its feed is empty).</summary>
    Task<long> LatestPositionAsync(string tenantId, CancellationToken cancellationToken);
}
