using System.Collections.Concurrent;

namespace Routing.History.Feed;

/// <summary>
/// The <see cref="FeedEntries"/> of a store's batch writes, kept between batches: each holds a buffer sized for the
/// largest batch so far, and growing a fresh one for every batch was the largest allocation left in the history's
/// writes. One per concurrent writer is ever made.
/// </summary>
internal sealed class FeedBuffers
{
    private readonly ConcurrentBag<FeedEntries> _free = [];

    public FeedEntries Rent() => _free.TryTake(out var feed) ? feed : new FeedEntries();

    /// <summary>Empties <paramref name="feed"/> and keeps it for the next batch.</summary>
    public void Return(FeedEntries feed)
    {
        feed.Clear();
        _free.Add(feed);
    }
}
