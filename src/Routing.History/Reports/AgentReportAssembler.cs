using Routing.Core;

namespace Routing.History.Reports;

/// <summary>
/// Adds up an agent report from the agents' state intervals (each clipped to the period; an open one ends at the
/// query's now), their legs per channel and their unanswered offers. Logged-in time is also cut at each local midnight
/// for the per-day rows.
/// </summary>
internal static class AgentReportAssembler
{
    public static AgentReport Assemble(
        AgentReportQuery query,
        IEnumerable<AgentStateInterval> intervals,
        IEnumerable<(string AgentId, Channel Channel, ChannelWork Work, long Transfers)> legs,
        IReadOnlyDictionary<string, long> ringNoAnswers)
    {
        var rows = new SortedDictionary<string, AgentReportRow>(StringComparer.Ordinal);
        var days = new SortedDictionary<(string, DateOnly), AgentDayRow>();
        AgentReportRow Row(string agentId) => rows.TryGetValue(agentId, out var row) ? row : rows[agentId] = new AgentReportRow { AgentId = agentId };

        foreach (var interval in intervals)
        {
            var start = interval.StartedAt > query.From ? interval.StartedAt : query.From;
            var end = Min(interval.EndedAt ?? query.Now, query.To);
            if (end <= start || interval.Presence == Presence.Offline)
            {
                continue;
            }
            var span = end - start;
            var busy = interval.Load.Total > 0;
            var row = Row(interval.AgentId);
            var notReady = new SortedDictionary<string, TimeSpan>(row.NotReady.ToDictionary(), StringComparer.Ordinal);
            if (interval.Presence == Presence.NotReady)
            {
                var reason = interval.Reason ?? string.Empty;
                notReady[reason] = notReady.GetValueOrDefault(reason) + span;
            }
            rows[interval.AgentId] = row with
            {
                LoggedIn = row.LoggedIn + span,
                Ready = interval.Presence == Presence.Available ? row.Ready + span : row.Ready,
                Idle = interval.Presence == Presence.Available && !busy ? row.Idle + span : row.Idle,
                Busy = busy ? row.Busy + span : row.Busy,
                NotReady = notReady,
            };
            AddDays(days, query.TimeZone, interval.AgentId, start, end, interval.EndedAt is null || interval.EndedAt > query.To);
        }
        foreach (var (agentId, channel, work, transfers) in legs)
        {
            var row = Row(agentId);
            var channels = new SortedDictionary<Channel, ChannelWork>(row.Channels.ToDictionary());
            channels[channel] = channels.TryGetValue(channel, out var sum) ? sum.Add(work) : work;
            rows[agentId] = row with { Channels = channels, Transfers = row.Transfers + transfers };
        }
        foreach (var (agentId, count) in ringNoAnswers)
        {
            rows[agentId] = Row(agentId) with { RingNoAnswers = count };
        }
        return new AgentReport([.. rows.Values], [.. days.Values]);
    }

    /// <summary>Adds a logged-in span to the days it covers. The day's last logout is the end of its latest logged-in
    /// part, none when that part runs on past midnight, past the period, or is still open.</summary>
    private static void AddDays(SortedDictionary<(string, DateOnly), AgentDayRow> days, TimeZoneInfo zone, string agentId, DateTimeOffset start, DateTimeOffset end, bool stillLoggedIn)
    {
        while (start < end)
        {
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).Date);
            var nextMidnight = Core.Statistics.LocalDay.StartOf(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            var partEnd = Min(end, nextMidnight);
            // A span that goes on past midnight is not a logout on this day.
            DateTimeOffset? logout = partEnd < end || stillLoggedIn ? null : partEnd;
            var key = (agentId, date);
            days[key] = days.TryGetValue(key, out var day)
                ? day with
                {
                    FirstLogin = Min(day.FirstLogin, start),
                    // Null already: a later part runs on to the end of the day.
                    LastLogout = day.LastLogout is { } last && partEnd >= last ? logout : day.LastLogout,
                    LoggedIn = day.LoggedIn + (partEnd - start),
                }
                : new AgentDayRow(agentId, date, start, logout, partEnd - start);
            start = partEnd;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
