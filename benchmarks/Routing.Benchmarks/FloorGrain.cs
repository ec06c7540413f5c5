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

public sealed class FloorGrain([PersistentState("floor", FloorGrain.Storage)] IPersistentState<FloorState> state) : Grain, IFloorGrain
{
    public const string Storage = "floor";

    /// <summary>Held so the state stays a lifecycle participant of the grain; the grain never uses it.</summary>
    public IPersistentState<FloorState> State { get; } = state;

    public Task Ping() => Task.CompletedTask;

    public Task Relay(IFloorGrain next) => next.Ping();

    public Task Notify()
    {
        OneWayArrivals.Arrived();
        return Task.CompletedTask;
    }

    public Task PingAndLeave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

[GenerateSerializer, Alias("FloorState")]
public sealed class FloorState
{
    [Id(0)]
    public int Value { get; set; }
}
