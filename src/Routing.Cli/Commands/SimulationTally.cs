using Spectre.Console;
using Spectre.Console.Rendering;

namespace Routing.Cli.Commands;

/// <summary>Counts what the simulated agents did, and stops them after a number of completions.</summary>
internal sealed class SimulationTally(int? stopAfter, CancellationTokenSource stop)
{
    private readonly Dictionary<string, int[]> _byAgent = new(StringComparer.Ordinal);
    private int _completed;

    private enum Count
    {
        Offers,
        Accepted,
        Rejected,
        Completed,
        Lost,
    }

    public void Offered(string agent) => Add(agent, Count.Offers);

    public void Accepted(string agent) => Add(agent, Count.Accepted);

    public void Rejected(string agent) => Add(agent, Count.Rejected);

    /// <summary>An offer ended before the agent answered (rescinded, timed out, taken back).</summary>
    public void Lost(string agent) => Add(agent, Count.Lost);

    public void Completed(string agent)
    {
        Add(agent, Count.Completed);
        if (stopAfter is { } limit && Interlocked.Increment(ref _completed) >= limit)
        {
            stop.Cancel();
        }
    }

    public IRenderable Summary()
    {
        var table = new Table().AddColumns("Agent", "Offers", "Accepted", "Rejected", "Completed", "Offer ended unanswered");
        lock (_byAgent)
        {
            foreach (var (agent, counts) in _byAgent.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                table.AddRow([Markup.Escape(agent), .. counts.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            }
        }
        return table;
    }

    private void Add(string agent, Count count)
    {
        lock (_byAgent)
        {
            if (!_byAgent.TryGetValue(agent, out var counts))
            {
                _byAgent[agent] = counts = new int[Enum.GetValues<Count>().Length];
            }
            counts[(int)count]++;
        }
    }
}
