using System.CommandLine;
using Routing.Client;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing agents simulate</c>: agent apps that log in, take offers, talk and wrap up.</summary>
internal static class AgentCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var agents = new Option<string[]>("--agent", "-a") { Description = "Agent id to simulate; repeatable (the agents must be configured).", Required = true };
        var answer = new Option<TimeSpan>("--answer-after") { Description = "Ringing time before accepting.", DefaultValueFactory = _ => TimeSpan.FromSeconds(1) };
        var talk = new Option<TimeSpan>("--talk") { Description = "Conversation time.", DefaultValueFactory = _ => TimeSpan.FromSeconds(5) };
        var wrapUp = new Option<TimeSpan>("--wrap-up") { Description = "After-call work before completing.", DefaultValueFactory = _ => TimeSpan.FromSeconds(1) };
        var rejectShare = new Option<double>("--reject-share") { Description = "Share of offers rejected, 0–1.", DefaultValueFactory = _ => 0 };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (default: until Ctrl+C); the agents log out." };
        var handle = new Option<int?>("--stop-after") { Description = "Stop once this many interactions are completed in all." };
        var simulate = new Command("simulate", "Run simulated agent apps over the agent stream (development tokens only).")
        {
            agents, answer, talk, wrapUp, rejectShare, duration, handle,
        };
        simulate.SetAction(async (parse, cancellationToken) =>
        {
            if (Connection.HasExplicitToken(parse))
            {
                throw new CliException("agents simulate mints one agent token per agent: use the signing key, not --token");
            }
            var behaviour = new SimulatedBehaviour(parse.GetValue(answer), parse.GetValue(talk), parse.GetValue(wrapUp), parse.GetValue(rejectShare));
            if (behaviour.Problem() is { } problem)
            {
                throw new CliException(problem);
            }
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(duration) is { } limit)
            {
                stop.CancelAfter(limit);
            }
            var tally = new SimulationTally(parse.GetValue(handle), stop);
            var ids = parse.GetRequiredValue(agents).Distinct(StringComparer.Ordinal).ToList();
            var clients = ids.Select(id => Connection.Open(parse, "agent", id)).ToList();
            try
            {
                var runs = ids.Zip(clients, (id, client) => new SimulatedAgent(id, client, behaviour, tally, console).RunAsync(stop.Token));
                await Task.WhenAll(runs);
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
            console.Write(tally.Summary());
            return 0;
        });
        var command = new Command("agents", "Simulated agents.");
        command.Add(simulate);
        return command;
    }
}
