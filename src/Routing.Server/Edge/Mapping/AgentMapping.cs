using Routing.Abstractions.Agents;
using Routing.Configuration;
using V1 = Routing.Contracts.V1;

namespace Routing.Server.Edge.Mapping;

/// <summary>Maps agent snapshots to <see cref="V1.AgentState"/>.</summary>
public static class AgentMapping
{
    public static V1.AgentState ToProto(this AgentSnapshot snapshot)
    {
        var proto = new V1.AgentState
        {
            AgentId = snapshot.AgentId,
            Presence = snapshot.Presence.ToProto(),
            Reason = snapshot.Reason.OrEmpty(),
            Load = snapshot.Load.ToProto(),
            Capacity = snapshot.Capacity.ToProto(),
            InteractionsToday = snapshot.InteractionsToday,
            Version = snapshot.Version,
        };
        proto.Queues.AddRange(snapshot.Queues);
        proto.Interactions.AddRange(snapshot.Slots.Select(s => Agents.AgentProtoMapper.ToProto(s)));
        return proto;
    }
}
