using System.Runtime.CompilerServices;

namespace Routing.History.Feed;

/// <summary>Follows a tenant's feed: the stored events after a position, then the new ones as they are stored.</summary>
public static class FeedFollower
{
    /// <summary>Most events read in one query.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// Yields the tenant's events after <paramref name="afterPosition"/> in position order, until cancelled. Once it has
    /// read everything it waits for this process's store to signal an append, or for <paramref name="pollInterval"/> to
    /// pass, whichever is first: the signal makes local events arrive at once, the period brings those other silos
    /// stored (they cannot signal here). No busy loop: it reads again only after a signal, a full page or the period.
    /// </summary>
    public static async IAsyncEnumerable<FeedEvent> FollowAsync(this IEventFeed feed, string tenantId, long afterPosition, FeedTypeFilter filter,
        TimeSpan pollInterval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var after = afterPosition;
        while (true)
        {
            // Before reading: an append that commits after the read still completes this.
            var appended = feed.Appended.Next;
            // With a filter, also where the feed ended before the read: positions commit in order, so the read saw every
            // event up to it, and the next read can start there instead of going over the skipped events again.
            var scanned = filter.IsEmpty ? 0 : await feed.LatestPositionAsync(tenantId, cancellationToken);
            var page = await feed.ReadAsync(tenantId, after, filter, PageSize, cancellationToken);
            foreach (var stored in page)
            {
                yield return stored;
                after = stored.Position;
            }
            if (page.Count == PageSize)
            {
                continue;
            }
            after = Math.Max(after, scanned);
            try
            {
                await appended.WaitAsync(pollInterval, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The period passed: read again for what other silos stored.
            }
        }
    }
}
