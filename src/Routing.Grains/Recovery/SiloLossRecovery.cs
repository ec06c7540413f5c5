using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Abstractions;

namespace Routing.Grains.Recovery;

/// <summary>
/// Watches cluster membership. When a silo is declared dead, every silo raises its <see cref="SiloLossSignal"/>;
/// and, with durable state, the oldest live silo wakes every tenant's queues, which reload their stored
/// lines from storage if the dead silo held them and wake the interactions they had out for an offer.
/// That is the fast path back to routing after a crash; interaction reminders are the backstop.
/// </summary>
internal sealed partial class SiloLossRecovery(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IGrainFactory grains,
    SiloLossSignal signal,
    IOptions<RoutingGrainOptions> options,
    ILogger<SiloLossRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watch;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(SiloLossRecovery),
        ServiceLifecycleStage.Active,
        _ =>
        {
            _watch = WatchAsync(_stopping.Token);
            return Task.CompletedTask;
        },
        async _ =>
        {
            await _stopping.CancelAsync();
            if (_watch is not null)
            {
                await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var lost = snapshot.CreateUpdate(previous).Changes
                    .Where(m => m.Status == SiloStatus.Dead && previous.GetSiloStatus(m.SiloAddress) != SiloStatus.Dead)
                    .Select(m => m.SiloAddress)
                    .ToList();
                previous = snapshot;
                if (lost.Count == 0)
                {
                    continue;
                }
                signal.Raise();
                if (options.Value.DurableState && IsOldestLiveSilo(snapshot))
                {
                    await WakeQueuesAsync(string.Join(", ", lost));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>One silo does the waking; which one every silo agrees on from the same membership.</summary>
    private bool IsOldestLiveSilo(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.Generation)
            .ThenBy(a => a.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault() == localSilo.SiloAddress;

    private async Task WakeQueuesAsync(string lostSilos)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var tenants = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).GetTenants();
            await Task.WhenAll(tenants.Select(t => grains.TenantRecovery(t).Recover()));
            RecoveryLog.QueuesWoken(logger, lostSilos, tenants.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception)
        {
            // The interactions' reminders still wake whatever this missed.
            RecoveryLog.WakeFailed(logger, exception, lostSilos);
        }
    }
}
