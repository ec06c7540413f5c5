using Orleans.Concurrency;

namespace Routing.Benchmarks;

/// <summary>An empty grain with a stored state, which Orleans reads when it activates, as it reads each routing
/// grain's (<see cref="GrainCallFloorBenchmarks"/>).</summary>
[Alias("floor")]
public interface IFloorGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task Ping();

    [Alias("Relay")]
    Task Relay(IFloorGrain next);

    /// <summary>A one-way message: counted on arrival by <see cref="OneWayArrivals"/>.</summary>
    [OneWay, Alias("Notify")]
    Task Notify();

    /// <summary>Answers, then leaves memory as soon as it is idle (as a finished interaction does, later).</summary>
    [Alias("PingAndLeave")]
    Task PingAndLeave();
}
