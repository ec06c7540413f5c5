namespace Routing.History.Schema;

/// <summary>What a write does when a row with the same key is already stored: how "stored once" is kept.</summary>
internal enum ConflictRule
{
    /// <summary>Replace it if the new row's <c>version</c> is at least the stored one's (latest state wins,
    /// a late retry of an older state changes nothing).</summary>
    KeepNewestVersion,

    /// <summary>Keep it, only taking the new row's <c>ended_at</c> when the stored one is open and the new one has an end
    /// (an interval written open, then closed; the first end is kept).</summary>
    KeepEnd,

    /// <summary>Keep it as it is: the fact never changes (events, supervisor actions).</summary>
    KeepFirst,
}
