using System.Globalization;
using Routing.Core.Statistics;
using Routing.Server.Edge.Mapping;
using V1 = Routing.Contracts.V1;

namespace Routing.Server.Edge.Reports;

/// <summary>A request's period as two instants: given as instants, or as local dates in the tenant's zone (the first
/// date's midnight to the midnight after the last date). Refused with InvalidArgument when missing, half given, reversed
/// or longer than allowed.</summary>
internal static class ReportRange
{
    /// <summary>The longest period of a report: a month by local dates, with room for a clock change.</summary>
    public static readonly TimeSpan MaxReport = TimeSpan.FromDays(32);

    /// <summary>The longest period of a search (a page at a time, so it may be long).</summary>
    public static readonly TimeSpan MaxSearch = TimeSpan.FromDays(366);

    public static (DateTimeOffset From, DateTimeOffset To) Read(V1.ReportRange? range, TimeZoneInfo zone, TimeSpan maxLength)
    {
        if (range is null)
        {
            throw EdgeRequests.InvalidArgument("range is required: from and to (instants), or from_date and to_date (local dates, yyyy-MM-dd)");
        }
        var instants = range.From is not null || range.To is not null;
        var dates = range.FromDate.Length > 0 || range.ToDate.Length > 0;
        if (instants == dates)
        {
            throw EdgeRequests.InvalidArgument("range needs either from and to (instants) or from_date and to_date (local dates, yyyy-MM-dd), not both and not neither");
        }
        var (from, to) = instants ? Instants(range) : Dates(range, zone);
        if (to <= from)
        {
            throw EdgeRequests.InvalidArgument($"range ends ({to:O}) before or when it starts ({from:O})");
        }
        if (to - from > maxLength)
        {
            throw EdgeRequests.InvalidArgument($"range is {(to - from).TotalDays:0.#} days long; at most {maxLength.TotalDays:0} days");
        }
        return (from, to);
    }

    private static (DateTimeOffset, DateTimeOffset) Instants(V1.ReportRange range)
    {
        if (range.From is null || range.To is null)
        {
            throw EdgeRequests.InvalidArgument("range needs both from and to");
        }
        return (ProtoTime.ToInstant(range.From, "range.from")!.Value, ProtoTime.ToInstant(range.To, "range.to")!.Value);
    }

    private static (DateTimeOffset, DateTimeOffset) Dates(V1.ReportRange range, TimeZoneInfo zone)
    {
        var first = Date(range.FromDate, "range.from_date");
        var last = Date(range.ToDate, "range.to_date");
        if (last < first)
        {
            throw EdgeRequests.InvalidArgument($"range.to_date {range.ToDate} is before range.from_date {range.FromDate}");
        }
        return (LocalDay.StartOf(first.ToDateTime(TimeOnly.MinValue), zone), LocalDay.StartOf(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));
    }

    private static DateOnly Date(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date < DateOnly.MaxValue
            ? date
            : throw EdgeRequests.InvalidArgument($"{field} '{text}' is not a date such as 2026-11-24 (yyyy-MM-dd)");
}
