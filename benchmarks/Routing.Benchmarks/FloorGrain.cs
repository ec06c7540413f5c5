namespace Routing.Benchmarks;

/// <summary>The grain behind <see cref="IFloorGrain"/>: it does nothing of its own.</summary>
public sealed class FloorGrain([PersistentState("floor", FloorGrain.Storage)] IPersistentState<FloorState> state) : Grain, IFloorGrain
{
    public const string Storage = "floor";

    /// <summary>Orleans reads the state when the grain activates, whether or not the grain uses it; the grain never
    /// does, and keeping it here is what uses the constructor's parameter.</summary>
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
