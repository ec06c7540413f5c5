using Google.Protobuf.WellKnownTypes;
using Routing.Abstractions.Configuration;
using Core = Routing.Core;
using V1 = Routing.Contracts.V1;

namespace Routing.Configuration;

/// <summary>Maps tenant configuration (admin.proto) to and from the configuration records. Unset
/// durations and capacity take the records' defaults.</summary>
public static partial class ConfigurationMapping
{
    public static V1.TenantConfiguration ToProto(this TenantConfiguration configuration)
    {
        var proto = new V1.TenantConfiguration
        {
            TenantId = configuration.TenantId,
            Name = configuration.Name.OrEmpty(),
            TimeZone = configuration.TimeZone,
            NoAnswerThreshold = configuration.NoAnswerThreshold,
            VoiceIsExclusive = configuration.VoiceIsExclusive,
            PersonalData = configuration.PersonalData.ToProto(),
            HistoryRetentionDays = configuration.HistoryRetentionDays,
        };
        proto.Queues.AddRange(configuration.Queues.Select(ToProto));
        proto.Agents.AddRange(configuration.Agents.Select(ToProto));
        proto.EntryPoints.AddRange(configuration.EntryPoints.Select(e => e.ToProto()));
        return proto;
    }

    /// <summary>The record <paramref name="proto"/> stands for; problems (unknown enum values, bad
    /// durations) are added to <paramref name="problems"/>.</summary>
    public static TenantConfiguration ToRecord(this V1.TenantConfiguration proto, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var defaults = new TenantConfiguration { TenantId = proto.TenantId };
        return defaults with
        {
            Name = proto.Name.NullIfEmpty(),
            TimeZone = proto.TimeZone.NullIfEmpty() ?? defaults.TimeZone,
            NoAnswerThreshold = proto.NoAnswerThreshold == 0 ? defaults.NoAnswerThreshold : proto.NoAnswerThreshold,
            VoiceIsExclusive = proto.HasVoiceIsExclusive ? proto.VoiceIsExclusive : defaults.VoiceIsExclusive,
            Queues = [.. proto.Queues.Select(q => q.ToRecord(problems))],
            Agents = [.. proto.Agents.Select(a => a.ToRecord(problems))],
            PersonalData = proto.PersonalData is null ? defaults.PersonalData : proto.PersonalData.ToRecord(problems),
            HistoryRetentionDays = proto.HistoryRetentionDays,
            EntryPoints = [.. proto.EntryPoints.Select(e => e.ToRecord(problems))],
        };
    }

    private static V1.QueueDefinition ToProto(QueueDefinition queue)
    {
        var proto = new V1.QueueDefinition
        {
            QueueId = queue.QueueId,
            Name = queue.Name.OrEmpty(),
            Strategy = queue.Strategy.ToProto(),
            PriorityWeight = Duration.FromTimeSpan(queue.PriorityWeight),
            OfferTimeout = Duration.FromTimeSpan(queue.OfferTimeout),
            ReofferDelay = Duration.FromTimeSpan(queue.ReofferDelay),
            WrapUpTime = Duration.FromTimeSpan(queue.WrapUpTime),
            ServiceLevelThreshold = Duration.FromTimeSpan(queue.ServiceLevelThreshold),
            ServiceLevelTarget = queue.ServiceLevelTarget,
            ShortAbandonThreshold = Duration.FromTimeSpan(queue.ShortAbandonThreshold),
            TransferKeepsArrivalTime = queue.TransferKeepsArrivalTime,
            Client = queue.Client.OrEmpty(),
        };
        proto.RequiredSkills.AddRange(queue.RequiredSkills.Select(s => s.ToProto()));
        EligibilityToProto(queue, proto);
        queue.CopyBehaviourTo(proto);
        return proto;
    }

    public static QueueDefinition ToRecord(this V1.QueueDefinition proto, List<string> problems)
    {
        var defaults = new QueueDefinition { QueueId = proto.QueueId };
        var strategy = proto.Strategy.ToCore();
        if (strategy is null)
        {
            problems.Add($"queue '{Core.EntityId.Shown(proto.QueueId)}': unknown strategy {(int)proto.Strategy}");
        }
        var queue = (defaults with
        {
            Name = proto.Name.NullIfEmpty(),
            RequiredSkills = [.. proto.RequiredSkills.Select(s => s.ToCore())],
            Strategy = strategy ?? defaults.Strategy,
            PriorityWeight = Time(proto.PriorityWeight, defaults.PriorityWeight, $"queue '{Core.EntityId.Shown(proto.QueueId)}': priority weight", problems),
            OfferTimeout = Time(proto.OfferTimeout, defaults.OfferTimeout, $"queue '{Core.EntityId.Shown(proto.QueueId)}': offer timeout", problems),
            ReofferDelay = Time(proto.ReofferDelay, defaults.ReofferDelay, $"queue '{Core.EntityId.Shown(proto.QueueId)}': re-offer delay", problems),
            WrapUpTime = Time(proto.WrapUpTime, defaults.WrapUpTime, $"queue '{Core.EntityId.Shown(proto.QueueId)}': wrap-up time", problems),
            ServiceLevelThreshold = Time(proto.ServiceLevelThreshold, defaults.ServiceLevelThreshold, $"queue '{Core.EntityId.Shown(proto.QueueId)}': service-level threshold", problems),
            ServiceLevelTarget = proto.HasServiceLevelTarget ? proto.ServiceLevelTarget : defaults.ServiceLevelTarget,
            ShortAbandonThreshold = Time(proto.ShortAbandonThreshold, defaults.ShortAbandonThreshold, $"queue '{Core.EntityId.Shown(proto.QueueId)}': short-abandon threshold", problems),
            TransferKeepsArrivalTime = proto.HasTransferKeepsArrivalTime ? proto.TransferKeepsArrivalTime : defaults.TransferKeepsArrivalTime,
            Client = proto.Client.NullIfEmpty(),
        }).WithBehaviourOf(proto, problems);
        return EligibilityToRecord(proto, queue, problems);
    }

    private static V1.AgentDefinition ToProto(AgentDefinition agent)
    {
        var proto = new V1.AgentDefinition
        {
            AgentId = agent.AgentId,
            Name = agent.Name.OrEmpty(),
            Capacity = agent.Capacity.ToProto(),
            Endpoint = agent.Endpoint.OrEmpty(),
            WrapUpTime = agent.WrapUpTime is { } wrapUp ? Duration.FromTimeSpan(wrapUp) : null,
        };
        proto.Skills.AddRange(agent.Skills.Select(s => s.ToProto()));
        proto.Queues.AddRange(agent.Queues ?? []);
        return proto;
    }

    public static AgentDefinition ToRecord(this V1.AgentDefinition proto, List<string> problems) => new AgentDefinition { AgentId = proto.AgentId } with
    {
        WrapUpTime = proto.WrapUpTime is null ? null : Time(proto.WrapUpTime, TimeSpan.Zero, $"agent '{Core.EntityId.Shown(proto.AgentId)}': wrap-up time", problems),
        Name = proto.Name.NullIfEmpty(),
        Skills = [.. proto.Skills.Select(s => s.ToCore())],
        Queues = proto.Queues.Count == 0 ? null : [.. proto.Queues],
        Capacity = proto.Capacity?.ToCore() ?? Core.ChannelCounts.DefaultCapacity,
        Endpoint = proto.Endpoint.NullIfEmpty(),
    };

    internal static TimeSpan Time(Duration? duration, TimeSpan fallback, string what, List<string> problems)
    {
        if (duration is null)
        {
            return fallback;
        }
        if (duration.Nanos is <= -1_000_000_000 or >= 1_000_000_000 || (duration.Seconds != 0 && duration.Nanos != 0 && (duration.Seconds < 0) != (duration.Nanos < 0))
            || duration.Seconds is < -315_576_000_000L or > 315_576_000_000L)
        {
            problems.Add($"{what} is not a valid duration");
            return fallback;
        }
        return duration.ToTimeSpan();
    }

    private static V1.SelectionStrategy ToProto(this Core.SelectionStrategy strategy) => strategy switch
    {
        Core.SelectionStrategy.LongestIdle => V1.SelectionStrategy.LongestIdle,
        Core.SelectionStrategy.MostSkilled => V1.SelectionStrategy.MostSkilled,
        Core.SelectionStrategy.LeastOccupied => V1.SelectionStrategy.LeastOccupied,
        Core.SelectionStrategy.FewestInteractionsToday => V1.SelectionStrategy.FewestInteractionsToday,
        Core.SelectionStrategy.RoundRobin => V1.SelectionStrategy.RoundRobin,
        Core.SelectionStrategy.Random => V1.SelectionStrategy.Random,
        _ => V1.SelectionStrategy.Unspecified,
    };

    private static Core.SelectionStrategy? ToCore(this V1.SelectionStrategy strategy) => strategy switch
    {
        V1.SelectionStrategy.Unspecified or V1.SelectionStrategy.LongestIdle => Core.SelectionStrategy.LongestIdle,
        V1.SelectionStrategy.MostSkilled => Core.SelectionStrategy.MostSkilled,
        V1.SelectionStrategy.LeastOccupied => Core.SelectionStrategy.LeastOccupied,
        V1.SelectionStrategy.FewestInteractionsToday => Core.SelectionStrategy.FewestInteractionsToday,
        V1.SelectionStrategy.RoundRobin => Core.SelectionStrategy.RoundRobin,
        V1.SelectionStrategy.Random => Core.SelectionStrategy.Random,
        _ => null,
    };
}
