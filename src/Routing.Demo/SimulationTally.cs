using System.Collections.Concurrent;

namespace Routing.Demo;

/// <summary>
/// Counts what simulated agents did, per agent and in all, and keeps the failures; shared by all the
/// agents of one run and updated from many tasks at once.
/// </summary>
public sealed class SimulationTally
{
    private static readonly int CountKinds = Enum.GetValues<SimulationCount>().Length;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long[]> _byAgent = new(StringComparer.Ordinal);
    private readonly long[] _totals = new long[CountKinds];
    private readonly List<(long Target, TaskCompletionSource Reached)> _completionWaits = [];
    private readonly ConcurrentQueue<SimulationFailure> _failures = new();

    /// <summary>Commands that failed for a reason other than a race, in the order they failed.</summary>
    public IReadOnlyCollection<SimulationFailure> Failures => _failures;

    public void Add(string agentId, SimulationCount count)
    {
        lock (_lock)
        {
            if (!_byAgent.TryGetValue(agentId, out var counts))
            {
                _byAgent[agentId] = counts = new long[CountKinds];
            }
            counts[(int)count]++;
            var total = ++_totals[(int)count];
            if (count == SimulationCount.Completed)
            {
                foreach (var (_, reached) in _completionWaits.Where(w => w.Target <= total))
                {
                    reached.TrySetResult();
                }
                _completionWaits.RemoveAll(w => w.Target <= total);
            }
        }
    }

    public void Failed(SimulationFailure failure) => _failures.Enqueue(failure);

    /// <summary>The count of all agents together.</summary>
    public long Total(SimulationCount count)
    {
        lock (_lock)
        {
            return _totals[(int)count];
        }
    }

    /// <summary>Each agent's counts (indexed by <see cref="SimulationCount"/>), in agent id order.</summary>
    public IReadOnlyList<(string AgentId, long[] Counts)> ByAgent()
    {
        lock (_lock)
        {
            return [.. _byAgent.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, (long[])a.Value.Clone()))];
        }
    }

    /// <summary>Completes once <paramref name="completed"/> calls are <see cref="SimulationCount.Completed"/> in all.</summary>
    public Task WhenCompleted(long completed)
    {
        lock (_lock)
        {
            if (_totals[(int)SimulationCount.Completed] >= completed)
            {
                return Task.CompletedTask;
            }
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _completionWaits.Add((completed, reached));
            return reached.Task;
        }
    }
}
