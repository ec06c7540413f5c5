using System.Diagnostics;
using Orleans.Storage;
using Routing.Server.Telemetry;

namespace Routing.Server.Cluster;

/// <summary>
/// The routing grains' storage as configured (memory, Redis, Azure Table), with each write and clear timed
/// (<see cref="GrainStateMetrics"/>) and, inside a sampled trace, a span of its own under the grain call. Reads pass
/// straight through. While nothing listens, writes pass straight through too.
/// </summary>
internal sealed class TimedGrainStorage(IGrainStorage inner, GrainStateMetrics metrics) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        metrics.Enabled || RoutingTracing.Source.HasListeners()
            ? TimedAsync(stateName, clear: false, grainId, grainState)
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        metrics.Enabled || RoutingTracing.Source.HasListeners()
            ? TimedAsync(stateName, clear: true, grainId, grainState)
            : inner.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>Orleans' providers that start with the silo (Redis connects there) still do.</summary>
    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }

    private async Task TimedAsync<T>(string stateName, bool clear, GrainId grainId, IGrainState<T> grainState)
    {
        // Constant span names (the state is a tag): nothing is formatted for a write that is not traced.
        using var activity = RoutingTracing.Source.StartActivity(clear ? "grain_state clear" : "grain_state write", ActivityKind.Client);
        activity?.SetTag(GrainStateMetrics.StateTag, stateName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await (clear ? inner.ClearStateAsync(stateName, grainId, grainState) : inner.WriteStateAsync(stateName, grainId, grainState));
            metrics.Written(stateName, started, failure: null);
        }
        catch (Exception e)
        {
            metrics.Written(stateName, started, e);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
