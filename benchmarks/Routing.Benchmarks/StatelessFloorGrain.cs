namespace Routing.Benchmarks;

/// <summary>The grain behind <see cref="IStatelessFloorGrain"/>: it does nothing of its own.</summary>
public sealed class StatelessFloorGrain : Grain, IStatelessFloorGrain
{
    public Task Ping() => Task.CompletedTask;

    public Task PingAndLeave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
