using Microsoft.Extensions.Options;
using Routing.Grains.Recovery;

namespace Routing.Server.Edge.Agents;

/// <summary>
/// Renews every session stream of this edge once per <see cref="AgentEdgeOptions.SubscriptionRenewal"/>, and all of
/// them at once when a silo of the cluster dies. One timer serves them all: sessions are spread over one-second
/// slots of the period as they register, so an edge with thousands of agents makes a steady, small batch of renewals
/// each second, whereas a timer per session both woke a thread per renewal and, with agents logging in together at
/// the start of a shift, sent each period's renewals as one burst.
/// </summary>
public sealed class SessionRenewalSchedule(IOptions<AgentEdgeOptions> options, SiloLossSignal siloLoss, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan SlotLength = TimeSpan.FromSeconds(1);

    private readonly HashSet<ISessionRenewal>[] _slots = NewSlots(options.Value.SubscriptionRenewal);
    private int _nextSlot;

    /// <summary>Renews <paramref name="session"/> each period until the returned registration is disposed.</summary>
    internal IDisposable Register(ISessionRenewal session)
    {
        var slot = _slots[(int)((uint)Interlocked.Increment(ref _nextSlot) % (uint)_slots.Length)];
        lock (slot)
        {
            slot.Add(session);
        }
        return new Registration(slot, session);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SlotLength, time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var loss = siloLoss.NextLossAsync(stoppingToken);
        var due = 0;
        try
        {
            while (true)
            {
                if (await Task.WhenAny(tick, loss) == tick)
                {
                    if (!await tick)
                    {
                        return;
                    }
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                    Renew(_slots[due]);
                    due = (due + 1) % _slots.Length;
                }
                else
                {
                    // The lost silo may have held any of the agent grains, whose new activations know no observer.
                    loss = siloLoss.NextLossAsync(stoppingToken);
                    Array.ForEach(_slots, Renew);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>Starts the slot's renewals side by side without waiting for them: a slow grain call delays none of
    /// the others and not the next slot.</summary>
    private static void Renew(HashSet<ISessionRenewal> slot)
    {
        ISessionRenewal[] due;
        lock (slot)
        {
            due = [.. slot];
        }
        foreach (var session in due)
        {
            _ = session.RenewAsync();
        }
    }

    private static HashSet<ISessionRenewal>[] NewSlots(TimeSpan period)
    {
        var count = Math.Max(1, (int)Math.Round(period / SlotLength));
        var slots = new HashSet<ISessionRenewal>[count];
        for (var i = 0; i < count; i++)
        {
            slots[i] = [];
        }
        return slots;
    }

    private sealed class Registration(HashSet<ISessionRenewal> slot, ISessionRenewal session) : IDisposable
    {
        public void Dispose()
        {
            lock (slot)
            {
                slot.Remove(session);
            }
        }
    }
}
