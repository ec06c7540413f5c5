using System.CommandLine;
using System.Globalization;
using Routing.Cli.Commands.Reports;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.Cli.Commands.Events;

/// <summary><c>routing webhooks create|list|delete|dead-letters|replay</c>: the tenant's webhook subscriptions (role admin).</summary>
internal static class WebhookCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var webhooks = new Command("webhooks", "Webhook subscriptions: the event feed POSTed to a URL as signed CloudEvents (role admin).");
        webhooks.Add(CreateCommand(console));
        webhooks.Add(List(console));
        webhooks.Add(Delete(console));
        webhooks.Add(DeadLetters(console));
        webhooks.Add(Replay(console));
        return webhooks;
    }

    private static Command CreateCommand(IAnsiConsole console)
    {
        var url = new Argument<string>("url") { Description = "Where to POST: an absolute http:// or https:// URL." };
        var types = new Option<string[]>("--type", "-t") { Description = "Only these types; repeatable; a type or a prefix ending in .* (routing.agent.*)." };
        var secret = new Option<string?>("--secret") { Description = "The signing secret (whsec_ and base64); default: one is made and printed." };
        var from = new Option<long?>("--from") { Description = "Deliver the events after this feed position (default: only new events)." };
        var command = new Command("create", "Subscribe a URL to the feed; prints the webhook id and its signing secret (shown only now).") { url, types, secret, from };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = Uri.TryCreate(parse.GetRequiredValue(url), UriKind.Absolute, out var absolute) ? absolute
                : throw new CliException($"'{parse.GetRequiredValue(url)}' is not an absolute URL such as https://crm.example.com/hooks/routing");
            using var client = Connection.Open(parse, EdgeRoles.Admin);
            var webhook = await client.Webhooks.CreateAsync(target, parse.GetValue(types), parse.GetValue(secret), parse.GetValue(from), cancellationToken);
            console.WriteRaw($"{webhook.WebhookId} {webhook.Secret}");
            return 0;
        });
        return command;
    }

    private static Command List(IAnsiConsole console)
    {
        var format = FormatOption();
        var command = new Command("list", "The tenant's webhooks.") { format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, EdgeRoles.Admin);
            var answer = new ListWebhooksResponse { Webhooks = { await client.Webhooks.ListAsync(cancellationToken) } };
            ReportOutput.Write(console, parse.GetValue(format), answer, Connection.TenantHeader(parse), ["Webhook", "URL", "Types", "Delivered up to", "Created"],
                answer.Webhooks.Select(webhook => new[]
                {
                    webhook.WebhookId, webhook.TargetUrl, string.Join(" ", webhook.TypePatterns), Number(webhook.DeliveredPosition), ReportOptions.Text(webhook.CreatedAt),
                }));
            return 0;
        });
        return command;
    }

    private static Command Delete(IAnsiConsole console)
    {
        var id = new Argument<string>("webhook") { Description = "The webhook id (wh_…)." };
        var command = new Command("delete", "Stop delivering and delete a webhook with its dead letters.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, EdgeRoles.Admin);
            await client.Webhooks.DeleteAsync(parse.GetRequiredValue(id), cancellationToken);
            console.WriteRaw($"deleted {parse.GetRequiredValue(id)}");
            return 0;
        });
        return command;
    }

    private static Command DeadLetters(IAnsiConsole console)
    {
        var id = new Argument<string>("webhook") { Description = "The webhook id (wh_…)." };
        var format = FormatOption();
        var command = new Command("dead-letters", "The events a webhook gave up on, with the last error.") { id, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, EdgeRoles.Admin);
            var answer = new ListDeadLettersResponse { DeadLetters = { await client.Webhooks.ListDeadLettersAsync(parse.GetRequiredValue(id), cancellationToken) } };
            ReportOutput.Write(console, parse.GetValue(format), answer, Connection.TenantHeader(parse), ["Position", "Type", "Subject", "Tries", "Status", "Error", "Failed at"],
                answer.DeadLetters.Select(letter => new[]
                {
                    Number(letter.Event.Position), letter.Event.Type, letter.Event.Subject, Number(letter.Attempts), Number(letter.LastStatus), letter.LastError,
                    ReportOptions.Text(letter.FailedAt),
                }));
            return 0;
        });
        return command;
    }

    private static Command Replay(IAnsiConsole console)
    {
        var id = new Argument<string>("webhook") { Description = "The webhook id (wh_…)." };
        var command = new Command("replay", "Deliver a webhook's dead letters again (in the background).") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, EdgeRoles.Admin);
            console.WriteRaw($"replaying {await client.Webhooks.ReplayDeadLettersAsync(parse.GetRequiredValue(id), cancellationToken)} dead letters");
            return 0;
        });
        return command;
    }

    private static Option<ReportFormat> FormatOption() =>
        new("--format", "-f") { Description = "table, csv or json.", DefaultValueFactory = _ => ReportFormat.Table };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
