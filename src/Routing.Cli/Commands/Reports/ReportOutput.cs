using System.Text;
using Google.Protobuf;
using Spectre.Console;

namespace Routing.Cli.Commands.Reports;

/// <summary>How a report is printed: a table for people, CSV for spreadsheets, JSON (the service's own message) for programs.</summary>
internal enum ReportFormat
{
    Table,
    Csv,
    Json,
}

/// <summary>Prints a report's rows in the chosen format. Table and CSV show the same columns; JSON is the whole answer.</summary>
internal static class ReportOutput
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation().WithFormatDefaultValues(true));

    public static void Write(IAnsiConsole console, ReportFormat format, IMessage answer, string title, string[] columns, IEnumerable<string[]> rows)
    {
        switch (format)
        {
            case ReportFormat.Json:
                console.WriteRaw(Json.Format(answer));
                break;
            case ReportFormat.Csv:
                var csv = new StringBuilder().AppendLine(string.Join(',', columns.Select(Csv)));
                foreach (var row in rows)
                {
                    csv.AppendLine(string.Join(',', row.Select(Csv)));
                }
                console.WriteRaw(csv.ToString().TrimEnd());
                break;
            default:
                var table = new Table().Title(Markup.Escape(title)).AddColumns(columns.Select(column => new TableColumn(Markup.Escape(column))).ToArray());
                foreach (var row in rows)
                {
                    table.AddRow(row.Select(Markup.Escape).ToArray());
                }
                console.Write(table);
                break;
        }
    }

    /// <summary>A field quoted when it holds a comma, a quote or a line break (RFC 4180).</summary>
    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
