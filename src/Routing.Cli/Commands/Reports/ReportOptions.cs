using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Routing.Contracts.V1;

namespace Routing.Cli.Commands.Reports;

/// <summary>The options every report command takes: the period (dates in the tenant's zone, or instants) and the format.</summary>
internal sealed class ReportOptions
{
    public Option<string?> FromDate { get; } = new("--from-date") { Description = "First local date, yyyy-MM-dd, in the tenant's time zone (default: today in UTC)." };

    public Option<string?> ToDate { get; } = new("--to-date") { Description = "Last local date included, yyyy-MM-dd (default: --from-date)." };

    public Option<DateTimeOffset?> From { get; } = new("--from") { Description = "First instant, e.g. 2026-11-24T08:00:00Z (instead of --from-date)." };

    public Option<DateTimeOffset?> To { get; } = new("--to") { Description = "End instant, not included (with --from)." };

    public Option<ReportFormat> Format { get; } = new("--format", "-f") { Description = "table, csv or json.", DefaultValueFactory = _ => ReportFormat.Table };

    public void AddTo(Command command)
    {
        command.Add(FromDate);
        command.Add(ToDate);
        command.Add(From);
        command.Add(To);
        command.Add(Format);
    }

    /// <summary>The period the options give: instants when --from or --to is given, else dates.</summary>
    public ReportRange Range(ParseResult parse)
    {
        if (parse.GetValue(From) is { } from)
        {
            var to = parse.GetValue(To) ?? throw new CliException("--from needs --to");
            return new ReportRange { From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to) };
        }
        if (parse.GetValue(To) is not null)
        {
            throw new CliException("--to needs --from");
        }
        var first = parse.GetValue(FromDate) ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ReportRange { FromDate = first, ToDate = parse.GetValue(ToDate) ?? first };
    }

    public static string Text(Duration? duration) => duration?.ToTimeSpan() is not { } span ? ""
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}");

    public static string Text(Timestamp? at) => at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Percent(double? share) => share is { } value ? value.ToString("P1", CultureInfo.InvariantCulture) : "";
}
