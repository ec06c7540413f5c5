namespace Routing.History;

/// <summary>
/// Told when a group of facts given to <see cref="IHistoryRecorder.Record(IReadOnlyList{HistoryFact}, IHistoryReceipt)"/>
/// is in the store: lets the caller keep a "recorded up to" watermark that advances only on what was really written.
/// </summary>
public interface IHistoryReceipt
{
    /// <summary>Called once, on a writer's thread, after the transaction holding the group committed (a fact the
    /// database refused outright counts as done: writing it again cannot succeed). Must return at once and must not
    /// throw. Never called for a group lost with the process or abandoned when the recorder stopped.</summary>
    void Written();
}
