using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Routing.Cli.Commands.Reports;
using Routing.Contracts.Security;
using Spectre.Console;

namespace Routing.Cli.Commands.Events;

/// <summary><c>routing events tail|position</c>: the tenant's event feed (role integration, supervisor or admin).</summary>
internal static class EventCommands
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static Command Create(IAnsiConsole console)
    {
        var events = new Command("events", "The tenant's event feed: interaction events, agent state changes and supervisor actions, in order.");
        events.Add(Tail(console));
        events.Add(Position(console));
        return events;
    }

    private static Command Tail(IAnsiConsole console)
    {
        var from = new Option<long>("--from") { Description = "Print the events after this position (0: the whole feed); resume with the last position printed." };
        var types = new Option<string[]>("--type", "-t") { Description = "Only these types; repeatable; a type or a prefix ending in .* (routing.agent.*)." };
        var count = new Option<int?>("--count", "-n") { Description = "Exit after this many events (for scripts); default: until Ctrl+C." };
        var format = new Option<ReportFormat>("--format", "-f") { Description = "table (one line per event) or json (one object per line).", DefaultValueFactory = _ => ReportFormat.Table };
        var command = new Command("tail", "Print the stored events after a position, then new ones as they are stored.") { from, types, count, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var limit = parse.GetValue(count);
            if (limit is < 1)
            {
                throw new CliException("--count must be at least 1");
            }
            using var client = Connection.Open(parse, EdgeRoles.Integration);
            var json = parse.GetValue(format) == ReportFormat.Json;
            if (!json)
            {
                console.WriteRaw($"# {Connection.TenantHeader(parse)}");
            }
            var printed = 0;
            await foreach (var stored in client.Events.SubscribeAsync(parse.GetValue(from), parse.GetValue(types), cancellationToken))
            {
                console.WriteRaw(json ? Json.Format(stored) : string.Create(CultureInfo.InvariantCulture,
                    $"{stored.Position,8}  {stored.Time.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss.fff'Z'}  {stored.Type,-34}  {stored.Subject,-20}  {stored.DataJson}"));
                if (++printed == limit)
                {
                    break;
                }
            }
            return 0;
        });
        return command;
    }

    private static Command Position(IAnsiConsole console)
    {
        var command = new Command("position", "Print the tenant's latest feed position (tail --from it for new events only).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, EdgeRoles.Integration);
            console.WriteRaw((await client.Events.GetPositionAsync(cancellationToken)).ToString(CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }
}
