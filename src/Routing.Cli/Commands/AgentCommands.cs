using System.CommandLine;
using System.Globalization;
using Routing.Demo;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing agents simulate</c>: agent apps that log in, take offers, talk and wrap up; <c>routing agents
/// contact</c>: where an agent's phone registered.</summary>
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
            var (answerAfter, talkTime, wrapUpTime, rejected) = (parse.GetValue(answer), parse.GetValue(talk), parse.GetValue(wrapUp), parse.GetValue(rejectShare));
            if (Problem(answerAfter, talkTime, wrapUpTime, rejected) is { } problem)
            {
                throw new CliException(problem);
            }
            // Fixed times and no ring-outs (each offer accepted, or rejected at --reject-share): the command tries calls through.
            var behaviour = new AgentBehaviour
            {
                AnswerDelay = DurationRange.Exactly(answerAfter),
                AcceptShare = 1 - rejected,
                RejectShare = rejected,
                TalkTime = DurationRange.Exactly(talkTime),
                WrapUp = DurationRange.Exactly(wrapUpTime),
                FinishesCallsWhenStopped = true,
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(duration) is { } limit)
            {
                stop.CancelAfter(limit);
            }
            var tally = new SimulationTally();
            if (parse.GetValue(handle) is { } completions)
            {
                _ = StopOnceCompletedAsync(tally, completions, stop);
            }
            var ids = parse.GetRequiredValue(agents).Distinct(StringComparer.Ordinal).ToList();
            var clients = ids.Select(id => Connection.Open(parse, "agent", id)).ToList();
            try
            {
                var runs = ids.Zip(clients, (id, client) => new SimulatedAgentSession(id, client, behaviour, tally, console).RunAsync(stop.Token));
                await Task.WhenAll(runs);
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
            console.Write(Summary(tally));
            foreach (var failure in tally.Failures)
            {
                console.MarkupLine($"[red]{Markup.Escape(failure.ToString())}[/]");
            }
            return tally.Failures.Count == 0 ? 0 : 1;
        });
        var command = new Command("agents", "Simulated agents, and where agents' phones registered.");
        command.Add(simulate);
        command.Add(AgentContactCommand.Create(console));
        return command;
    }

    private static string? Problem(TimeSpan answerAfter, TimeSpan talk, TimeSpan wrapUp, double rejectShare) =>
        answerAfter < TimeSpan.Zero || talk < TimeSpan.Zero || wrapUp < TimeSpan.Zero ? "times must not be negative"
        : rejectShare is < 0 or > 1 or double.NaN ? "--reject-share must be between 0 and 1"
        : null;

    private static async Task StopOnceCompletedAsync(SimulationTally tally, int completions, CancellationTokenSource stop)
    {
        await tally.WhenCompleted(completions);
        await stop.CancelAsync();
    }

    private static Table Summary(SimulationTally tally)
    {
        var table = new Table().AddColumns("Agent", "Offers", "Accepted", "Rejected", "Rang out", "Timed out", "Completed", "Refused (had moved on)");
        foreach (var (agent, counts) in tally.ByAgent())
        {
            table.AddRow([Markup.Escape(agent), .. counts.Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        }
        return table;
    }
}
