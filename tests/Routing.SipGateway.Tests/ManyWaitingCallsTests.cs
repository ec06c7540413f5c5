using Routing.Client;
using Routing.Contracts.V1;
using Routing.SipGateway.Calls;
using Routing.SipGateway.Tests.Infrastructure;

namespace Routing.SipGateway.Tests;

/// <summary>A thousand callers wait at once in one queue through the gateway, then all hang up: every one was queued in
/// the cluster, and every one ends abandoned, with nothing left in the queue or in the gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ManyWaitingCallsTests(GatewayFixture fixture) : IDisposable
{
    private const int Calls = 1_000;

    private readonly RoutingClient _gateway = fixture.Client(["gateway"]);
    private readonly RoutingClient _supervisor = fixture.Client(["supervisor"]);
    private readonly string _prefix = $"many-{Guid.NewGuid():N}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _gateway.Dispose();
        _supervisor.Dispose();
    }

    [Fact]
    public async Task AThousandCallersWaitTogether_ThenCancel_AndEveryInteractionIsAbandoned()
    {
        // Each caller holds 25 s after its 182, so all thousand wait together once the last has arrived (5 s at 200/s).
        var sipp = SippCall.RunAsync(fixture.SipPort, SippCall.CancelledWhileQueued(TimeSpan.FromSeconds(25)), "500", _prefix,
            calls: Calls, rate: 200, timeout: TimeSpan.FromSeconds(120));

        var peak = await PeakWaitingAsync("line", sipp);
        var result = await sipp;

        Assert.True(result is { ExitCode: 0, Successful: Calls, Failed: 0 }, result.ToString());
        Assert.Equal(Calls, peak);
        foreach (var n in Enumerable.Range(1, Calls))
        {
            var call = await _gateway.Interactions.GetAsync(CallInteractionId.Of($"{_prefix}-{n}", $"caller-{n}"), Ct);
            Assert.Equal(InteractionStatus.Abandoned, call.Status);
        }
        Assert.Equal(0, await WaitingAsync("line"));
        Assert.Equal(0, fixture.ActiveCalls);
    }

    /// <summary>The most calls the queue held waiting at once while sipp ran (it stops watching once all are there).</summary>
    private async Task<int> PeakWaitingAsync(string queueId, Task sipp)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        _ = sipp.ContinueWith(_ => watching.Cancel(), TaskScheduler.Default);
        var peak = 0;
        try
        {
            await foreach (var statistics in _supervisor.Supervisor.WatchQueuesAsync([queueId], watching.Token))
            {
                peak = Math.Max(peak, statistics.Waiting);
                if (peak >= Calls)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            // sipp ended first: the peak is what was seen.
        }
        return peak;
    }

    private async Task<int> WaitingAsync(string queueId)
    {
        await foreach (var statistics in _supervisor.Supervisor.WatchQueuesAsync([queueId], Ct))
        {
            return statistics.Waiting;
        }
        return -1;
    }
}
