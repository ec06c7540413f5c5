using System.Diagnostics;
using System.Diagnostics.Metrics;
using Routing.Grains.Telemetry;

namespace Routing.Server.Telemetry;

/// <summary>
/// Counts every call the silo's grains receive, by interface and method (<c>routing.grain.calls</c>): calls from the edge
/// and between grains, one-way messages, notifications to the edge's observers, Orleans' own system calls (its directory,
/// the memory storage) and grain timer ticks. Answers are not counted. It is there to profile what work costs the cluster
/// (benchmarks/README.md, "Grain calls by method"), so it is off unless <see cref="TelemetryOptions.GrainCalls"/> asks for
/// it: as a filter it runs on every call.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly Counter<long> _calls;

    public GrainCallCounter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _calls = meterFactory.Create(RoutingMeter.Name)
            .CreateCounter<long>("routing.grain.calls", "{call}", "Calls the silo's grains received, by interface and method (answers not counted)");
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _calls.Add(1, new TagList { { RoutingMeter.GrainInterfaceTag, context.InterfaceName }, { RoutingMeter.GrainMethodTag, context.MethodName } });
        return context.Invoke();
    }
}
