using System.Diagnostics;
using OpenTelemetry;

namespace Routing.Server.Tests.Telemetry;

/// <summary>The trace exporter's place in a test server's tracer (a collector is outside the product): keeps every span
/// the server's own tracer recorded and wakes waiters as each one ends.</summary>
public sealed class SpanCapture : BaseProcessor<Activity>
{
    private readonly Lock _lock = new();
    private readonly List<Activity> _spans = [];
    private TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void OnEnd(Activity data)
    {
        TaskCompletionSource ended;
        lock (_lock)
        {
            _spans.Add(data);
            ended = _ended;
            _ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        ended.TrySetResult();
    }

    /// <summary>The spans of <paramref name="traceId"/> once <paramref name="complete"/> accepts them; fails after <paramref name="timeout"/>.</summary>
    public async Task<List<Activity>> WaitForTraceAsync(ActivityTraceId traceId, Func<List<Activity>, bool> complete, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task next;
            List<Activity> trace;
            lock (_lock)
            {
                trace = _spans.Where(s => s.TraceId == traceId).ToList();
                next = _ended.Task;
            }
            if (complete(trace))
            {
                return trace;
            }
            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"trace {traceId} incomplete after {timeout}: {string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}"))}");
            }
        }
    }
}
