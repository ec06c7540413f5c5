using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Routing.Configuration;
using Routing.History;
using Routing.History.Reports;
using Routing.Server.Edge.Mapping;
using V1 = Routing.Contracts.V1;

namespace Routing.Server.Edge.Reports;

/// <summary>Report records to report.proto messages.</summary>
internal static class ReportMapping
{
    public static V1.QueueReport ToProto(this QueueReport report, QueueReportQuery query)
    {
        var proto = new V1.QueueReport
        {
            TimeZone = query.TimeZone.Id,
            IntervalLength = Duration.FromTimeSpan(query.IntervalLength),
            ServiceLevelFormula = QueueReport.ServiceLevelFormula,
            Total = report.Total.ToProto(),
            From = Timestamp.FromDateTimeOffset(query.From),
            To = Timestamp.FromDateTimeOffset(query.To),
        };
        proto.Intervals.AddRange(report.Intervals.Select(row => Row(row.QueueId, row.Figures, row.Start, row.Start.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture))));
        proto.Days.AddRange(report.Days.Select(row => Row(row.QueueId, row.Figures, null, row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        proto.Queues.AddRange(report.Queues.Select(row =>
        {
            var thresholds = query.ThresholdsOf(row.QueueId);
            var proto = Row(row.QueueId, row.Figures, null, string.Empty);
            proto.ServiceLevelThreshold = Duration.FromTimeSpan(thresholds.ServiceLevel);
            proto.ShortAbandonThreshold = Duration.FromTimeSpan(thresholds.ShortAbandon);
            return proto;
        }));
        return proto;
    }

    private static V1.QueueReportRow Row(string queueId, QueueFigures figures, DateTimeOffset? start, string localStart)
    {
        var row = figures.ToProto();
        row.QueueId = queueId;
        row.Start = start is { } at ? Timestamp.FromDateTimeOffset(at) : null;
        row.LocalStart = localStart;
        return row;
    }

    private static V1.QueueReportRow ToProto(this QueueFigures figures)
    {
        var row = new V1.QueueReportRow
        {
            Offered = figures.Offered,
            Answered = figures.Answered,
            AnsweredWithinThreshold = figures.AnsweredWithinThreshold,
            Abandoned = figures.Abandoned,
            ShortAbandoned = figures.ShortAbandoned,
            Overflowed = figures.Overflowed,
            TransferredIn = figures.TransferredIn,
            TransferredOut = figures.TransferredOut,
            Handled = figures.Handled,
            AverageSpeedOfAnswer = Span(figures.AverageSpeedOfAnswer),
            AverageHandleTime = Span(figures.AverageHandleTime),
            LongestWait = Duration.FromTimeSpan(figures.LongestWait),
        };
        if (figures.ServiceLevel is { } serviceLevel)
        {
            row.ServiceLevel = serviceLevel;
        }
        return row;
    }

    public static V1.AgentReport ToProto(this AgentReport report, TimeZoneInfo zone)
    {
        var proto = new V1.AgentReport { TimeZone = zone.Id, OccupancyFormula = AgentReport.OccupancyFormula };
        proto.Agents.AddRange(report.Agents.Select(agent =>
        {
            var row = new V1.AgentReportRow
            {
                AgentId = agent.AgentId,
                LoggedIn = Duration.FromTimeSpan(agent.LoggedIn),
                Ready = Duration.FromTimeSpan(agent.Ready),
                Busy = Duration.FromTimeSpan(agent.Busy),
                Handled = agent.Handled,
                Transfers = agent.Transfers,
                RingNoAnswers = agent.RingNoAnswers,
            };
            if (agent.Occupancy is { } occupancy)
            {
                row.Occupancy = occupancy;
            }
            row.NotReady.AddRange(agent.NotReady.Select(pair => new V1.ReasonTime { Reason = pair.Key, Time = Duration.FromTimeSpan(pair.Value) }));
            row.Channels.AddRange(agent.Channels.Select(pair => new V1.ChannelWork
            {
                Channel = pair.Key.ToProto(), Handled = pair.Value.Handled, Talk = Duration.FromTimeSpan(pair.Value.Talk), WrapUp = Duration.FromTimeSpan(pair.Value.WrapUp),
            }));
            return row;
        }));
        proto.Days.AddRange(report.Days.Select(day => new V1.AgentDayRow
        {
            AgentId = day.AgentId,
            Date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            FirstLogin = Timestamp.FromDateTimeOffset(day.FirstLogin),
            LastLogout = day.LastLogout is { } logout ? Timestamp.FromDateTimeOffset(logout) : null,
            LoggedIn = Duration.FromTimeSpan(day.LoggedIn),
        }));
        return proto;
    }

    public static V1.DispositionRow ToProto(this DispositionRow row) =>
        new() { Client = row.ClientId ?? string.Empty, QueueId = row.QueueId, Code = row.Code ?? string.Empty, Count = row.Count };

    /// <summary>The interaction as <see cref="Routing.History.PersonalData.PersonalDataReader"/> made it readable for the
    /// caller; <paramref name="revealed"/>: the caller has the personal data permission.</summary>
    public static V1.StoredInteraction ToProto(this InteractionRecord interaction, bool revealed)
    {
        var proto = new V1.StoredInteraction
        {
            InteractionId = interaction.InteractionId,
            Channel = interaction.Channel.ToProto(),
            State = interaction.State.ToProto(),
            QueueId = interaction.QueueId,
            CustomerId = interaction.CustomerId ?? string.Empty,
            ArrivedAt = Timestamp.FromDateTimeOffset(interaction.ArrivedAt),
            AnsweredAt = Time(interaction.AnsweredAt),
            EndedAt = Time(interaction.EndedAt),
            AgentId = interaction.AgentId ?? string.Empty,
            Wait = Duration.FromTimeSpan(interaction.Wait),
            Talk = Duration.FromTimeSpan(interaction.Talk),
            WrapUp = Duration.FromTimeSpan(interaction.WrapUp),
            DispositionCode = interaction.DispositionCode ?? string.Empty,
            EndCause = interaction.EndCause ?? string.Empty,
            Transfers = interaction.Transfers,
            EntryPoint = interaction.EntryPoint ?? string.Empty,
            Client = interaction.ClientId ?? string.Empty,
            CustomerNumber = interaction.CustomerNumber ?? string.Empty,
            CallbackNumber = interaction.CallbackNumber ?? string.Empty,
            PersonalDataRevealed = revealed,
        };
        proto.Attributes.Add(interaction.Attributes.ToDictionary());
        proto.Queues.AddRange(interaction.Queues);
        proto.Legs.AddRange(interaction.Legs.Select(leg => new V1.StoredLeg
        {
            AgentId = leg.AgentId,
            QueueId = leg.QueueId,
            ConnectedAt = Timestamp.FromDateTimeOffset(leg.ConnectedAt),
            EndedAt = Time(leg.EndedAt),
            WrapUpEndedAt = Time(leg.WrapUpEndedAt),
            Transferred = leg.Transferred,
            DispositionCode = leg.DispositionCode ?? string.Empty,
        }));
        return proto;
    }

    public static V1.StoredEvent ToProto(this InteractionEventRecord stored) => new()
    {
        Sequence = stored.Sequence,
        At = Timestamp.FromDateTimeOffset(stored.At),
        Kind = stored.Kind.ToProto(),
        Status = stored.Status.ToProto(),
        QueueId = stored.QueueId,
        AgentId = stored.AgentId ?? string.Empty,
        Detail = stored.Detail ?? string.Empty,
    };

    private static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    private static Duration? Span(TimeSpan? span) => span is { } value ? Duration.FromTimeSpan(value) : null;
}
