using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing history purge</c>: deletes the tenant's history older than a time or than its retention period.</summary>
internal static class HistoryCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var history = new Command("history", "The tenant's stored history.");
        history.Add(Purge(console));
        return history;
    }

    private static Command Purge(IAnsiConsole console)
    {
        var before = new Option<DateTimeOffset?>("--before")
        {
            Description = "Delete what is older than this time (e.g. 2026-01-01T00:00:00Z). Default: older than the tenant's history retention days.",
        };
        var purge = new Command("purge", "Delete the tenant's history (interactions, legs, events, agent states, supervisor actions) older than --before or its retention period. Role admin.") { before };
        purge.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "admin");
            var answer = await client.Admin.PurgeHistoryAsync(parse.GetValue(before), cancellationToken);
            var table = new Table().AddColumns("Table", "Rows deleted");
            foreach (var (name, rows) in answer.DeletedRows.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(name), rows.ToString(CultureInfo.InvariantCulture));
            }
            table.Caption($"before {answer.Before.ToDateTimeOffset():O}");
            console.Write(table);
            return 0;
        });
        return purge;
    }
}
