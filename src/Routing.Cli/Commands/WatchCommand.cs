using System.CommandLine;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing watch</c>: a wallboard of the tenant's agents that refreshes in place as the
/// server pushes changes (nothing is polled).</summary>
internal static class WatchCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var agents = new Option<string[]>("--agent", "-a") { Description = "Agents to show; repeatable (default: every agent of the tenant)." };
        var updates = new Option<int?>("--updates") { Description = "Exit after this many updates (for scripts); default: until Ctrl+C." };
        var watch = new Command("watch", "Live table of agent states (role supervisor).") { agents, updates };
        watch.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "supervisor");
            var board = new AgentBoard();
            var limit = parse.GetValue(updates);
            var seen = 0;
            var stream = client.Supervisor.WatchAgentsAsync(parse.GetValue(agents), cancellationToken);
            if (!console.Profile.Capabilities.Interactive)
            {
                // Piped or captured: one line per change instead of a table redrawn in place.
                await foreach (var state in stream)
                {
                    console.MarkupLine(AgentBoard.Line(state));
                    if (++seen == limit)
                    {
                        break;
                    }
                }
                return 0;
            }
            await console.Live(board.Table).AutoClear(false).StartAsync(async live =>
            {
                await foreach (var state in stream)
                {
                    board.Update(state);
                    live.Refresh();
                    if (++seen == limit)
                    {
                        break;
                    }
                }
            });
            return 0;
        });
        return watch;
    }

    /// <summary>The agents table, one row per agent in id order.</summary>
    private sealed class AgentBoard
    {
        private readonly SortedDictionary<string, AgentState> _agents = new(StringComparer.Ordinal);

        public Table Table { get; } = new Table().AddColumns("Agent", "Presence", "Reason", "Load (voice/chat/e-mail/msg/cb)", "Today").Title("Agents");

        public void Update(AgentState state)
        {
            _agents[state.AgentId] = state;
            Table.Rows.Clear();
            foreach (var agent in _agents.Values)
            {
                Table.AddRow(Markup.Escape(agent.AgentId), Presence(agent.Presence), Markup.Escape(agent.Reason), Load(agent), $"{agent.InteractionsToday}");
            }
        }

        public static string Line(AgentState agent) =>
            $"{Markup.Escape(agent.AgentId)} {Presence(agent.Presence)} {Markup.Escape(agent.Reason)} load {Load(agent)} today {agent.InteractionsToday}";

        private static string Presence(Contracts.V1.Presence presence) => presence switch
        {
            Contracts.V1.Presence.Available => "[green]Available[/]",
            Contracts.V1.Presence.NotReady => "[yellow]NotReady[/]",
            _ => "[grey]Offline[/]",
        };

        private static string Load(AgentState agent) =>
            $"{agent.Load?.Voice ?? 0}/{agent.Load?.Chat ?? 0}/{agent.Load?.Email ?? 0}/{agent.Load?.Message ?? 0}/{agent.Load?.Callback ?? 0}";
    }
}
