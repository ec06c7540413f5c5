using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Routing.Client;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing call transfer &lt;id&gt; --queue q | --agent a [--consult]</c>: transfers a connected interaction
/// for the agent connected to it, as a media gateway relaying the agent's phone would (role gateway).</summary>
internal static class CallTransferCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var id = new Argument<string>("interaction") { Description = "The connected interaction's id." };
        var queue = new Option<string?>("--queue", "-q") { Description = "Transfer to this queue." };
        var agent = new Option<string?>("--agent", "-a") { Description = "Transfer to this agent." };
        var consult = new Option<bool>("--consult") { Description = "Consult (warm): the connected agent stays on until the target accepts." };
        var from = new Option<string?>("--from") { Description = "The agent connected to it (default: whoever is connected)." };
        var fallback = new Option<string?>("--fallback") { Description = "Blind to an agent: the queue it falls back to (default: its current queue)." };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "How long the target has to accept, e.g. 00:00:20 (default 30 s)." };
        var command = new Command("transfer", "Transfer a connected interaction to a queue or an agent, blind or consult (role gateway).") { id, queue, agent, consult, from, fallback, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var queueId = parse.GetValue(queue);
            var agentId = parse.GetValue(agent);
            if ((queueId is null) == (agentId is null))
            {
                throw new CliException("give exactly one of --queue and --agent");
            }
            var target = new TransferTarget
            {
                QueueId = queueId ?? string.Empty,
                AgentId = agentId ?? string.Empty,
                Consult = parse.GetValue(consult),
                FallbackQueueId = parse.GetValue(fallback) ?? string.Empty,
                Timeout = parse.GetValue(timeout) is { } wait ? Duration.FromTimeSpan(wait) : null,
            };
            using var client = Connection.Open(parse, "gateway");
            var snapshot = await client.Interactions.TransferAsync(parse.GetRequiredValue(id), target, parse.GetValue(from) ?? string.Empty, cancellationToken);
            console.MarkupLine($"{Markup.Escape(snapshot.InteractionId)} [grey]{snapshot.Status}[/] queue {Markup.Escape(snapshot.QueueId)}");
            foreach (var e in snapshot.Events.Where(e => e.Kind is InteractionEventKind.Transferred or InteractionEventKind.ConsultStarted or InteractionEventKind.ConsultFailed))
            {
                console.MarkupLine(CallCommands.Describe(e));
            }
            return 0;
        });
        return command;
    }
}
