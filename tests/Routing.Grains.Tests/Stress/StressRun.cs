using System.Collections.Concurrent;

namespace Routing.Grains.Tests.Stress;

/// <summary>
/// Tracks the customers' hang-ups; any of them that fails (a timeout above all) is an error that fails
/// the test. The simulated agents keep their own tally.
/// </summary>
internal sealed class StressRun
{
    private readonly ConcurrentBag<Task> _actions = [];
    private readonly ConcurrentQueue<Exception> _errors = new();

    public IReadOnlyCollection<Exception> Errors => _errors;

    public void Track(Task action) => _actions.Add(Observe(action));

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
