using System.Collections.Concurrent;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Grains.Tests.Infrastructure;

/// <summary>Stands in for a gateway watching interactions: lets a test await a status.</summary>
public sealed class InteractionProbe : IInteractionObserver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<InteractionEvent>> _events = new();
    private readonly List<(string InteractionId, Func<InteractionEvent, bool> Predicate, TaskCompletionSource<InteractionEvent> Done)> _waiters = [];

    public Task OnEvent(InteractionEvent interactionEvent)
    {
        ArgumentNullException.ThrowIfNull(interactionEvent);
        _events.GetOrAdd(interactionEvent.InteractionId, _ => new()).Enqueue(interactionEvent);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.InteractionId == interactionEvent.InteractionId && w.Predicate(interactionEvent)).ToList())
            {
                waiter.Done.TrySetResult(interactionEvent);
                _waiters.Remove(waiter);
            }
        }
        return Task.CompletedTask;
    }

    public Task<InteractionEvent> WaitFor(string interactionId, Func<InteractionEvent, bool> predicate, TimeSpan? patience = null)
    {
        var done = new TaskCompletionSource<InteractionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var seen = _events.TryGetValue(interactionId, out var events) ? events.FirstOrDefault(predicate) : null;
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }
            _waiters.Add((interactionId, predicate, done));
        }
        return done.Task.WaitAsync(patience ?? AgentProbe.Patience);
    }

    public Task<InteractionEvent> WaitForStatus(string interactionId, InteractionStatus status, TimeSpan? patience = null) =>
        WaitFor(interactionId, e => e.Status == status, patience);

    public Task<InteractionEvent> WaitForFinal(string interactionId, TimeSpan? patience = null) =>
        WaitFor(interactionId, e => e.Status.IsFinal(), patience);
}
