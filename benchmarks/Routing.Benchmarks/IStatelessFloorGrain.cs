namespace Routing.Benchmarks;

/// <summary>An empty grain without state: <see cref="IFloorGrain"/>'s activation less the state read.</summary>
[Alias("floor-stateless")]
public interface IStatelessFloorGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task Ping();

    [Alias("PingAndLeave")]
    Task PingAndLeave();
}
