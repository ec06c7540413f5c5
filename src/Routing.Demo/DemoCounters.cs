namespace Routing.Demo;

/// <summary>What the demo's customers did so far (its agents count in a <see cref="SimulationTally"/>);
/// updated from many tasks at once.</summary>
internal sealed class DemoCounters
{
    private long _created;
    private long _abandoned;

    public long Created => Interlocked.Read(ref _created);
    public long Abandoned => Interlocked.Read(ref _abandoned);

    public void OnCreated() => Interlocked.Increment(ref _created);
    public void OnAbandoned() => Interlocked.Increment(ref _abandoned);
}
