using Routing.History;

namespace Routing.Grains.History;

/// <summary>
/// The silo's way into the history store for the grains: the host's <see cref="IHistoryRecorder"/> when it keeps
/// history (<c>AddRoutingHistory</c>), nothing otherwise (grain tests, history turned off), so grain code asks
/// <see cref="Enabled"/> instead of checking for a recorder everywhere.
/// </summary>
public sealed class GrainHistory(IHistoryRecorder? recorder)
{
    public bool Enabled => recorder is not null;

    /// <summary>Queues a group of facts (never waits); false when refused or history is off.</summary>
    public bool Record(IReadOnlyList<HistoryFact> facts, IHistoryReceipt receipt) => recorder?.Record(facts, receipt) ?? false;

    /// <summary>Queues one fact that no grain state keeps (never waits); false when refused or history is off.</summary>
    public bool Record(HistoryFact fact) => recorder?.Record(fact) ?? false;
}
