using Routing.History;

namespace Routing.Server.Tests.History;

/// <summary>What <see cref="ControlledRecorder"/> does with the facts it is given.</summary>
public enum RecorderMode
{
    /// <summary>Passes them on.</summary>
    Normal,

    /// <summary>Refuses them, as a full queue does (Record returns false).</summary>
    Refuse,

    /// <summary>Accepts them and throws them away without a receipt, as when the process dies before they are written.</summary>
    Lose,

    /// <summary>Passes every group on twice.</summary>
    Twice,
}

/// <summary>The server's real recorder behind a switch, so a test can make facts be refused or lost.</summary>
public sealed class ControlledRecorder(HistoryRecorder inner) : IHistoryRecorder
{
    public RecorderMode Mode { get; set; } = RecorderMode.Normal;

    public HistoryRecorderCounters Counters => inner.Counters;

    public bool Record(HistoryFact fact) => Mode switch
    {
        RecorderMode.Refuse => false,
        RecorderMode.Lose => true,
        _ => inner.Record(fact),
    };

    public bool Record(IReadOnlyList<HistoryFact> facts, IHistoryReceipt receipt) => Mode switch
    {
        RecorderMode.Refuse => false,
        RecorderMode.Lose => true,
        RecorderMode.Twice => inner.Record(facts, receipt) && inner.Record(facts, receipt),
        _ => inner.Record(facts, receipt),
    };

    public Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
