using System.Collections.Concurrent;
using System.Threading.Channels;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;

namespace Routing.Grains.Tests.Infrastructure;

/// <summary>Stands in for an agent's app: records what the agent grain pushes, and lets a test await it. As a
/// session observer (see <see cref="TestCentre.ReadyApp"/>) it also hears transfer notices.</summary>
public sealed class AgentProbe : IAgentSessionObserver
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly Channel<OfferNotice> _offers = Channel.CreateUnbounded<OfferNotice>();
    private readonly Channel<(string InteractionId, OfferOutcome Outcome)> _ended = Channel.CreateUnbounded<(string, OfferOutcome)>();
    private readonly Channel<TransferNotice> _transfers = Channel.CreateUnbounded<TransferNotice>();
    private readonly ConcurrentQueue<AgentSnapshot> _states = new();
    private readonly List<(Func<AgentSnapshot, bool> Predicate, TaskCompletionSource<AgentSnapshot> Done)> _waiters = [];

    public Task OnOffer(OfferNotice offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (offer.AgentState is { } state)
        {
            // As an app does: the state the offer brought counts as a state change, before the offer.
            OnStateChanged(state);
        }
        _offers.Writer.TryWrite(offer with { AgentState = null });
        return Task.CompletedTask;
    }

    public Task OnOfferEnded(string interactionId, OfferOutcome outcome)
    {
        _ended.Writer.TryWrite((interactionId, outcome));
        return Task.CompletedTask;
    }

    public Task OnStateChanged(AgentSnapshot snapshot)
    {
        _states.Enqueue(snapshot);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Predicate(snapshot)).ToList())
            {
                waiter.Done.TrySetResult(snapshot);
                _waiters.Remove(waiter);
            }
        }
        return Task.CompletedTask;
    }

    public Task OnSessionEnded(string sessionId) => Task.CompletedTask;

    public Task OnTransferNotice(TransferNotice notice)
    {
        _transfers.Writer.TryWrite(notice);
        return Task.CompletedTask;
    }

    /// <summary>The next transfer notice, failing the test if none arrives in time.</summary>
    public async Task<TransferNotice> NextTransferNotice()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _transfers.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next offer, failing the test if none arrives in time.</summary>
    public async Task<OfferNotice> NextOffer()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _offers.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>An offer already received, if any. For asserting that nothing was offered, after
    /// awaiting the event that would have caused an offer.</summary>
    public bool TryTakeOffer(out OfferNotice? offer) => _offers.Reader.TryRead(out offer);

    public async Task<(string InteractionId, OfferOutcome Outcome)> NextOfferEnded()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _ended.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Completes with the first pushed state that matches (including one already received).</summary>
    public Task<AgentSnapshot> WaitForState(Func<AgentSnapshot, bool> predicate)
    {
        var done = new TaskCompletionSource<AgentSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var seen = _states.FirstOrDefault(predicate);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }
            _waiters.Add((predicate, done));
        }
        return done.Task.WaitAsync(Patience);
    }
}
