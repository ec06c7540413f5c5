using System.Collections.Concurrent;
using Routing.Abstractions;

namespace Routing.Grains.Tests.Stress;

/// <summary>
/// Tracks every simulated action. Refusals a real app meets in a race (accepting an offer that just
/// timed out) are counted; anything else, a timeout above all, is an error that fails the test.
/// </summary>
internal sealed class StressRun
{
    private readonly ConcurrentBag<Task> _actions = [];
    private readonly ConcurrentQueue<Exception> _errors = new();
    private int _raceRefusals;

    public int RaceRefusals => _raceRefusals;

    public IReadOnlyCollection<Exception> Errors => _errors;

    public void Track(Task action) => _actions.Add(Observe(action));

    /// <summary>Runs a call that may be refused because of a race; true when it succeeded.</summary>
    public async Task<bool> Expecting<T>(Task<T> call)
    {
        try
        {
            await call;
            return true;
        }
        catch (RoutingException exception) when (exception.Error == RoutingError.FailedPrecondition)
        {
            Interlocked.Increment(ref _raceRefusals);
            return false;
        }
    }

    public async Task DrainAsync()
    {
        while (!_actions.IsEmpty)
        {
            var batch = new List<Task>();
            while (_actions.TryTake(out var action))
            {
                batch.Add(action);
            }
            await Task.WhenAll(batch);
        }
    }

    private async Task Observe(Task action)
    {
        try
        {
            await action;
        }
        catch (Exception exception)
        {
            _errors.Enqueue(exception);
        }
    }
}
