using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Routing.SipGateway.Calls;

/// <summary>A graceful stop: new INVITEs are refused 503 at once, calls in progress get
/// <see cref="GatewayCallOptions.DrainTimeout"/> to finish, then the ones still waiting are answered 503 and abandoned.
/// Registered after the SIP stack, so it stops first and the stack still sends those answers.</summary>
internal sealed class GatewayDrain(InviteHandler calls, IOptions<GatewayCallOptions> options) : IHostedService
{
    /// <summary>How long the shed calls get to tell the cluster they were abandoned.</summary>
    private static readonly TimeSpan ShedGrace = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        calls.BeginDrain();
        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            drain.CancelAfter(options.Value.DrainTimeout);
            await calls.WaitUntilIdleAsync(drain.Token);
        }
        calls.ShedWaitingCalls();
        using var shed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        shed.CancelAfter(ShedGrace);
        await calls.WaitUntilIdleAsync(shed.Token);
    }
}
