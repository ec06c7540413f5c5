using Routing.Abstractions.EntryPoints;
using Core = Routing.Core;
using V1 = Routing.Contracts.V1;

namespace Routing.Configuration;

/// <summary>Maps entry points and their decisions (entry_point.proto) to and from the records.</summary>
public static class EntryPointMapping
{
    public static V1.EntryPoint ToProto(this EntryPointDefinition entryPoint)
    {
        var proto = new V1.EntryPoint
        {
            EntryPointId = entryPoint.EntryPointId,
            Name = entryPoint.Name.OrEmpty(),
            QueueId = entryPoint.QueueId,
            Priority = entryPoint.Priority,
            Mode = entryPoint.Mode.ToProto(),
            VoicemailUri = entryPoint.VoicemailUri.OrEmpty(),
        };
        proto.Addresses.AddRange(entryPoint.Addresses);
        proto.ExtraSkills.AddRange(entryPoint.ExtraSkills.Select(s => s.ToProto()));
        proto.Rules.AddRange(entryPoint.Rules.Select(ToProto));
        return proto;
    }

    public static EntryPointDefinition ToRecord(this V1.EntryPoint proto, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new EntryPointDefinition
        {
            EntryPointId = proto.EntryPointId,
            Name = proto.Name.NullIfEmpty(),
            Addresses = [.. proto.Addresses],
            QueueId = proto.QueueId,
            Priority = proto.Priority,
            ExtraSkills = [.. proto.ExtraSkills.Select(s => s.ToCore())],
            Mode = proto.Mode.ToRecord(proto.EntryPointId, problems),
            VoicemailUri = proto.VoicemailUri.NullIfEmpty(),
            Rules = [.. proto.Rules.Select(rule => rule.ToRecord(proto.EntryPointId, problems))],
        };
    }

    public static V1.EntryDecision ToProto(this EntryDecision decision)
    {
        var proto = new V1.EntryDecision
        {
            EntryPointId = decision.EntryPointId,
            QueueId = decision.QueueId,
            Priority = decision.Priority,
            PreferredAgentId = decision.PreferredAgentId.OrEmpty(),
            RuleId = decision.RuleId.OrEmpty(),
            Mode = decision.Mode.ToProto(),
            VoicemailUri = decision.VoicemailUri.OrEmpty(),
        };
        proto.ExtraSkills.AddRange(decision.ExtraSkills.Select(s => s.ToProto()));
        return proto;
    }

    private static V1.EntryRule ToProto(EntryRule rule)
    {
        var proto = new V1.EntryRule
        {
            RuleId = rule.RuleId,
            QueueId = rule.QueueId.OrEmpty(),
            PreferredAgentId = rule.PreferredAgentId.OrEmpty(),
            PreferredAgentAttribute = rule.PreferredAgentAttribute.OrEmpty(),
        };
        if (rule.Priority is { } priority)
        {
            proto.Priority = priority;
        }
        proto.When.AddRange(rule.When.Select(condition => new V1.EntryCondition
        {
            Field = condition.Field,
            Operator = condition.Operator.ToProto(),
            Values = { condition.Values },
        }));
        proto.ExtraSkills.AddRange(rule.ExtraSkills.Select(s => s.ToProto()));
        return proto;
    }

    private static EntryRule ToRecord(this V1.EntryRule proto, string entryPointId, List<string> problems) => new()
    {
        RuleId = proto.RuleId,
        When = [.. proto.When.Select(condition => new EntryCondition
        {
            Field = condition.Field,
            Operator = condition.Operator.ToRecord(entryPointId, problems),
            Values = [.. condition.Values],
        })],
        QueueId = proto.QueueId.NullIfEmpty(),
        Priority = proto.HasPriority ? proto.Priority : null,
        ExtraSkills = [.. proto.ExtraSkills.Select(s => s.ToCore())],
        PreferredAgentId = proto.PreferredAgentId.NullIfEmpty(),
        PreferredAgentAttribute = proto.PreferredAgentAttribute.NullIfEmpty(),
    };

    private static V1.EntryPointMode ToProto(this EntryPointMode mode) => mode switch
    {
        EntryPointMode.Proxy => V1.EntryPointMode.Proxy,
        _ => V1.EntryPointMode.Redirect,
    };

    private static EntryPointMode ToRecord(this V1.EntryPointMode mode, string entryPointId, List<string> problems)
    {
        switch (mode)
        {
            case V1.EntryPointMode.Unspecified or V1.EntryPointMode.Redirect:
                return EntryPointMode.Redirect;
            case V1.EntryPointMode.Proxy:
                return EntryPointMode.Proxy;
            default:
                problems.Add($"entry point '{Core.EntityId.Shown(entryPointId)}': unknown mode {(int)mode}");
                return EntryPointMode.Redirect;
        }
    }

    private static V1.EntryConditionOperator ToProto(this EntryConditionOperator op) => op switch
    {
        EntryConditionOperator.Prefix => V1.EntryConditionOperator.Prefix,
        EntryConditionOperator.Present => V1.EntryConditionOperator.Present,
        EntryConditionOperator.Absent => V1.EntryConditionOperator.Absent,
        EntryConditionOperator.NoneOf => V1.EntryConditionOperator.NoneOf,
        _ => V1.EntryConditionOperator.OneOf,
    };

    private static EntryConditionOperator ToRecord(this V1.EntryConditionOperator op, string entryPointId, List<string> problems)
    {
        switch (op)
        {
            case V1.EntryConditionOperator.Unspecified or V1.EntryConditionOperator.OneOf:
                return EntryConditionOperator.OneOf;
            case V1.EntryConditionOperator.Prefix:
                return EntryConditionOperator.Prefix;
            case V1.EntryConditionOperator.Present:
                return EntryConditionOperator.Present;
            case V1.EntryConditionOperator.Absent:
                return EntryConditionOperator.Absent;
            case V1.EntryConditionOperator.NoneOf:
                return EntryConditionOperator.NoneOf;
            default:
                problems.Add($"entry point '{Core.EntityId.Shown(entryPointId)}': unknown condition operator {(int)op}");
                return EntryConditionOperator.OneOf;
        }
    }
}
