namespace Routing.History.PersonalData;

/// <summary>Turns facts as the grains record them (full values) into what the store keeps: the recorder runs every batch
/// through it before writing, off the routing path.</summary>
public interface IHistoryFactProtector
{
    ValueTask<IReadOnlyList<HistoryFact>> ProtectAsync(IReadOnlyList<HistoryFact> facts, CancellationToken cancellationToken);
}
