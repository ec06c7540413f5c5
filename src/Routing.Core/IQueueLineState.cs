namespace Routing.Core;

/// <summary>
/// The part of a queue's stored state that <see cref="QueueWork"/> checks and changes. The queue grain's state
/// implements it with the properties it already stores, so the stored shape stays as it is.
/// </summary>
public interface IQueueLineState
{
    /// <summary>The waiting interactions as last stored; the line is built from these when the model is made.</summary>
    List<WaitingEntry> Waiting { get; }
    /// <summary>Interactions taken out of line for an offer, by interaction id.</summary>
    Dictionary<string, OfferedEntry> Offered { get; }
    /// <summary>The next entry's tie breaker (earlier enqueue wins on equal scores).</summary>
    long NextSequence { get; set; }
}
