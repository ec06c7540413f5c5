using System.CommandLine;
using System.Globalization;
using Routing.Client;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing watch</c>: a wallboard of the tenant's queues (and, on request, agents) that
/// refreshes in place as the server pushes changes; nothing is polled.</summary>
internal static class WatchCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var queues = new Option<string[]>("--queue", "-q") { Description = "Queues to show; repeatable (default: every queue of the tenant)." };
        var agents = new Option<bool>("--agents") { Description = "Also show every agent's state." };
        var updates = new Option<int?>("--updates") { Description = "Exit after this many updates (for scripts); default: until Ctrl+C." };
        var watch = new Command("watch", "Live queue statistics (and agent states) as a table refreshed in place (role supervisor).") { queues, agents, updates };
        watch.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "supervisor");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var header = Connection.TenantHeader(parse);
            var board = new Wallboard(header);
            var limit = parse.GetValue(updates);
            var seen = 0;
            var interactive = console.Profile.Capabilities.Interactive;
            var gate = new SemaphoreSlim(1, 1);

            // Queue and agent updates arrive on two streams; one at a time updates the board.
            async Task Show(Action update, string line, LiveDisplayContext? live)
            {
                await gate.WaitAsync(stop.Token);
                try
                {
                    update();
                    if (live is null)
                    {
                        // Piped or captured: one line per change instead of a table redrawn in place, never
                        // wrapped at a width no terminal imposes.
                        console.WriteRaw(Markup.Remove(line));
                    }
                    else
                    {
                        live.Refresh();
                    }
                    if (++seen == limit)
                    {
                        await stop.CancelAsync();
                    }
                }
                finally
                {
                    gate.Release();
                }
            }

            async Task Run(LiveDisplayContext? live)
            {
                var streams = new List<Task>
                {
                    Follow(client.Supervisor.WatchQueuesAsync(parse.GetValue(queues), stop.Token), q => Show(() => board.Update(q), Wallboard.Line(q), live)),
                };
                if (parse.GetValue(agents))
                {
                    streams.Add(Follow(client.Supervisor.WatchAgentsAsync(null, stop.Token), a => Show(() => board.Update(a), Wallboard.Line(a), live)));
                }
                try
                {
                    await Task.WhenAll(streams);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // --updates reached.
                }
            }

            if (interactive)
            {
                await console.Live(board.View).AutoClear(false).StartAsync(Run);
            }
            else
            {
                console.WriteRaw(header);
                await Run(null);
            }
            return 0;
        });
        return watch;
    }

    private static async Task Follow<T>(IAsyncEnumerable<T> items, Func<T, Task> show)
    {
        await foreach (var item in items)
        {
            await show(item);
        }
    }

    /// <summary>Which tenant is shown, the queues table and the agents table, one row per queue or agent in id order.</summary>
    private sealed class Wallboard(string header)
    {
        private readonly SortedDictionary<string, QueueStatistics> _queues = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
        private readonly Table _queueTable = new Table().Title("Queues").AddColumns(
            "Queue", "Waiting", "Longest", "EWT", "Avail", "Busy", "Not ready", "SL 15m", "SL today", "ASA", "AHT", "Aband.", "Offered today", "Needed");
        private readonly Table _agentTable = new Table().Title("Agents").AddColumns("Agent", "State", "Load v/c/e/m/cb", "Today");

        public Rows View => new(new Text(header), _queueTable, _agentTable);

        public void Update(QueueStatistics queue)
        {
            _queues[queue.QueueId] = queue;
            _queueTable.Rows.Clear();
            foreach (var q in _queues.Values)
            {
                _queueTable.AddRow(
                    Markup.Escape(q.QueueId), $"{q.Waiting}", Time(q.LongestWait), Time(q.EstimatedWait), $"{q.AgentsAvailable}", $"{q.AgentsBusy}", $"{q.AgentsNotReady}",
                    Level(q.Rolling, q.ServiceLevelTarget), Level(q.Today, q.ServiceLevelTarget), Time(q.Rolling.AverageSpeedOfAnswer), Time(q.Rolling.AverageHandleTime),
                    Share(q.Rolling.HasAbandonRate ? q.Rolling.AbandonRate : null), $"{q.Today.Offered}", q.HasAgentsNeeded ? $"{q.AgentsNeeded}" : "–");
            }
        }

        public void Update(AgentState agent)
        {
            _agents[agent.AgentId] = agent;
            _agentTable.Rows.Clear();
            foreach (var a in _agents.Values)
            {
                _agentTable.AddRow(Markup.Escape(a.AgentId), State(a), Load(a), $"{a.InteractionsToday}");
            }
        }

        public static string Line(QueueStatistics q) =>
            $"queue {Markup.Escape(q.QueueId)} waiting {q.Waiting} longest {Time(q.LongestWait)} available {q.AgentsAvailable} busy {q.AgentsBusy} " +
            $"not-ready {q.AgentsNotReady} offered {q.Rolling.Offered} answered {q.Rolling.Answered} abandoned {q.Rolling.Abandoned} sl {Level(q.Rolling, q.ServiceLevelTarget)}";

        public static string Line(AgentState a) =>
            $"agent {Markup.Escape(a.AgentId)} {State(a)} load {Load(a)} today {a.InteractionsToday}";

        private static string Level(QueueInterval interval, double target)
        {
            if (!interval.HasServiceLevel)
            {
                return "–";
            }
            var colour = interval.ServiceLevel >= target ? "green" : "red";
            return $"[{colour}]{Share(interval.ServiceLevel)}[/]";
        }

        private static string Share(double? share) => share is { } value ? value.ToString("P0", CultureInfo.InvariantCulture) : "–";

        private static string Time(Google.Protobuf.WellKnownTypes.Duration? duration) =>
            duration is null ? "–" : duration.ToTimeSpan().ToString(@"m\:ss", CultureInfo.InvariantCulture);

        private static string State(AgentState agent) => $"[{AgentActivity.Colour(agent)}]{Markup.Escape(AgentActivity.Describe(agent))}[/]";

        private static string Load(AgentState agent) =>
            $"{agent.Load?.Voice ?? 0}/{agent.Load?.Chat ?? 0}/{agent.Load?.Email ?? 0}/{agent.Load?.Message ?? 0}/{agent.Load?.Callback ?? 0}";
    }
}
