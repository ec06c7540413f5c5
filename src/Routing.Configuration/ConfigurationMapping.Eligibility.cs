using Google.Protobuf.WellKnownTypes;
using Routing.Abstractions.Configuration;
using Core = Routing.Core;
using V1 = Routing.Contracts.V1;

namespace Routing.Configuration;

/// <summary>Escalation, preferred-agent and wrap-up-extension settings of a queue, both ways.</summary>
public static partial class ConfigurationMapping
{
    private static void EligibilityToProto(QueueDefinition queue, V1.QueueDefinition proto)
    {
        proto.Escalation.AddRange(queue.Escalation.Select(step =>
        {
            var s = new V1.EscalationStep { After = Duration.FromTimeSpan(step.After) };
            s.Relax.AddRange(step.Relax.Select(r => r.ToProto()));
            s.Drop.AddRange(step.Drop);
            s.AlsoEligible.AddRange(step.AlsoEligible.Select(r => r.ToProto()));
            return s;
        }));
        proto.PreferredAgentWait = Duration.FromTimeSpan(queue.PreferredAgentWait);
        proto.PreferredAgentWindow = Duration.FromTimeSpan(queue.PreferredAgentWindow);
        proto.MaxWrapUpExtension = Duration.FromTimeSpan(queue.MaxWrapUpExtension);
    }

    private static QueueDefinition EligibilityToRecord(V1.QueueDefinition proto, QueueDefinition queue, List<string> problems)
    {
        var owner = $"queue '{Core.EntityId.Shown(proto.QueueId)}'";
        return queue with
        {
            Escalation = [.. proto.Escalation.Select((s, i) => new Core.EscalationStep
            {
                After = Time(s.After, TimeSpan.Zero, $"{owner}: escalation step {i + 1} 'after'", problems),
                Relax = [.. s.Relax.Select(r => r.ToCore())],
                Drop = [.. s.Drop],
                AlsoEligible = [.. s.AlsoEligible.Select(r => r.ToCore())],
            })],
            PreferredAgentWait = Time(proto.PreferredAgentWait, queue.PreferredAgentWait, $"{owner}: preferred-agent wait", problems),
            PreferredAgentWindow = Time(proto.PreferredAgentWindow, queue.PreferredAgentWindow, $"{owner}: preferred-agent window", problems),
            MaxWrapUpExtension = Time(proto.MaxWrapUpExtension, queue.MaxWrapUpExtension, $"{owner}: max wrap-up extension", problems),
        };
    }
}
