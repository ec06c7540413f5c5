using Google.Protobuf.WellKnownTypes;
using Routing.Core.Statistics;
using V1 = Routing.Contracts.V1;

namespace Routing.Server.Edge.Mapping;

/// <summary>Maps queue statistics to <see cref="V1.QueueStatistics"/>.</summary>
public static class StatisticsMapping
{
    public static V1.QueueStatistics ToProto(this QueueStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var proto = new V1.QueueStatistics
        {
            QueueId = statistics.QueueId,
            At = Timestamp.FromDateTimeOffset(statistics.At),
            Waiting = statistics.Waiting,
            LongestWait = Duration.FromTimeSpan(statistics.LongestWait),
            AgentsAvailable = statistics.AgentsAvailable,
            AgentsBusy = statistics.AgentsBusy,
            AgentsNotReady = statistics.AgentsNotReady,
            Rolling = statistics.Rolling.ToProto(),
            Today = statistics.Today.ToProto(),
            EstimatedWait = Optional(statistics.EstimatedWait),
            ServiceLevelTarget = statistics.ServiceLevelTarget,
            ServiceLevelThreshold = Duration.FromTimeSpan(statistics.ServiceLevelThreshold),
        };
        if (statistics.AgentsNeeded is { } needed)
        {
            proto.AgentsNeeded = needed;
        }
        if (statistics.BusyAgentShare is { } share)
        {
            proto.BusyAgentShare = share;
        }
        return proto;
    }

    private static V1.QueueInterval ToProto(this QueueIntervalStatistics interval)
    {
        var proto = new V1.QueueInterval
        {
            Since = Timestamp.FromDateTimeOffset(interval.Since),
            Offered = interval.Offered,
            Answered = interval.Answered,
            AnsweredWithinThreshold = interval.AnsweredWithinThreshold,
            Abandoned = interval.Abandoned,
            ShortAbandoned = interval.ShortAbandoned,
            Overflowed = interval.Overflowed,
            Completed = interval.Completed,
            AverageSpeedOfAnswer = Optional(interval.AverageSpeedOfAnswer),
            AverageHandleTime = Optional(interval.AverageHandleTime),
            ArrivalsPerSecond = interval.ArrivalsPerSecond,
        };
        if (interval.ServiceLevel is { } level)
        {
            proto.ServiceLevel = level;
        }
        if (interval.AbandonRate is { } rate)
        {
            proto.AbandonRate = rate;
        }
        return proto;
    }

    /// <summary>A duration, or unset; a value beyond protobuf's range (an "unbounded" estimate) is left unset.</summary>
    private static Duration? Optional(TimeSpan? value) =>
        value is { } time && time < TimeSpan.FromDays(3650) ? Duration.FromTimeSpan(time) : null;
}
