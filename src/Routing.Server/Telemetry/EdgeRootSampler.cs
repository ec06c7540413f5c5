using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Routing.Server.Telemetry;

/// <summary>
/// Which new traces begin: only the edge's own requests (ASP.NET Core's server span), a share of them by trace id. Grain
/// timers, queue passes and the history writer also make spans with no parent; left to the ratio they would fill the
/// collector with traces no one asked about, at a cost on every grain call. Inside a trace the parent decides
/// (<see cref="ParentBasedSampler"/>), so everything a sampled request leads to is kept.
/// </summary>
internal sealed class EdgeRootSampler(double ratio) : Sampler
{
    /// <summary>The operation name of ASP.NET Core's request activity.</summary>
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private readonly TraceIdRatioBasedSampler _share = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Server && samplingParameters.Name == RequestActivity
            ? _share.ShouldSample(samplingParameters)
            : new SamplingResult(SamplingDecision.Drop);
}
