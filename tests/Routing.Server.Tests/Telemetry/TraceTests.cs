using System.Diagnostics;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.Telemetry;

/// <summary>Traces: a call through the edge is one trace, from the edge's server span down through the grain calls it made,
/// continuing the caller's trace (W3C traceparent).</summary>
public sealed class TraceTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task Create_WithCallersTraceparent_EdgeServerSpanParentsGrainCallSpansInTheSameTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var gateway = fixture.As(["gateway"], agentId: null, ("traceparent", $"00-{traceId}-{callerSpan}-01"));

        var id = $"call-{Guid.NewGuid():N}";
        await interactions.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = "sales" }, gateway);

        var trace = await fixture.Spans.WaitForTraceAsync(traceId, spans =>
            spans.Any(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore")
            && spans.Any(s => s.Kind == ActivityKind.Server && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await interactions.HangupAsync(new HangupRequest { InteractionId = id }, fixture.As(["gateway"]));

        var edge = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(callerSpan, edge.ParentSpanId);
        var grainCalls = trace.Where(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(grainCalls);
        // Every grain call span descends from the edge's span.
        Assert.All(grainCalls, call => Assert.True(Descends(call, edge, trace), $"{call.DisplayName} is not under the edge's span"));
        // The interaction grain's own side of the call (a server span), not only the edge's outgoing call.
        Assert.Contains(grainCalls, s => s.Kind == ActivityKind.Server);
    }

    [Fact]
    public async Task ApplyConfiguration_WithCallersTraceparent_TenantStateWriteIsASpanUnderTheGrainCall()
    {
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var configuration = await admin.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As(["admin"]));
        var traceId = ActivityTraceId.CreateRandom();

        await admin.ApplyConfigurationAsync(configuration, fixture.As(["admin"], agentId: null, ("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01")));

        var trace = await fixture.Spans.WaitForTraceAsync(traceId, spans =>
            spans.Any(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore")
            && spans.Any(s => s.Source.Name == "Routing" && Equals(s.GetTagItem("routing.state"), "tenant")),
            TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var edge = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        var write = trace.First(s => s.Source.Name == "Routing" && Equals(s.GetTagItem("routing.state"), "tenant"));
        Assert.Equal("grain_state write", write.DisplayName);
        Assert.True(Descends(write, edge, trace));
        // Under the tenant grain's side of the call, not straight under the edge.
        var parent = Assert.Single(trace, s => s.SpanId == write.ParentSpanId);
        Assert.StartsWith("Microsoft.Orleans", parent.Source.Name, StringComparison.Ordinal);
    }

    /// <summary>True when following parents within <paramref name="trace"/> from <paramref name="span"/> reaches <paramref name="ancestor"/>.</summary>
    private static bool Descends(Activity span, Activity ancestor, List<Activity> trace)
    {
        var bySpan = trace.ToDictionary(s => s.SpanId);
        var current = span;
        for (var depth = 0; depth < trace.Count; depth++)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
            if (!bySpan.TryGetValue(current.ParentSpanId, out var parent))
            {
                return false;
            }
            current = parent;
        }
        return false;
    }
}
