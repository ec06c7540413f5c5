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
        var bySpan = trace.ToDictionary(s => s.SpanId);
        // Every grain call span descends from the edge's span: following parents within the trace reaches it.
        foreach (var call in grainCalls)
        {
            var ancestor = call;
            while (ancestor.ParentSpanId != edge.SpanId && bySpan.TryGetValue(ancestor.ParentSpanId, out var parent))
            {
                ancestor = parent;
            }
            Assert.Equal(edge.SpanId, ancestor.ParentSpanId);
        }
        // The interaction grain's own side of the call (a server span), not only the edge's outgoing call.
        Assert.Contains(grainCalls, s => s.Kind == ActivityKind.Server);
    }
}
