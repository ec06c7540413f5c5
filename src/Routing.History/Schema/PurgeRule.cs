namespace Routing.History.Schema;

/// <summary>How a retention purge deletes a table's rows of one tenant: those whose <paramref name="TimeColumn"/> is before
/// the cut-off and, with <paramref name="WithInteraction"/>, also those of an interaction that arrived before it (so an
/// interaction's legs and events go with it even when they happened after the cut-off).
/// A table without a time of its own (<paramref name="TimeColumn"/> null) loses only the rows of purged interactions.</summary>
internal sealed record PurgeRule(string Table, string? TimeColumn, bool WithInteraction)
{
    /// <summary>A column whose highest row per tenant the purge always keeps, however old: the event feed's position, which
    /// the next event numbers from (emptied, the feed would hand out positions its consumers have already passed).</summary>
    public string? KeepHighest { get; init; }

    /// <summary>The queue interval aggregates (<see cref="QueueIntervals"/>): not deleted by a time column but kept equal to
    /// the sums of the rows that stay.</summary>
    public bool Aggregates { get; init; }
}
