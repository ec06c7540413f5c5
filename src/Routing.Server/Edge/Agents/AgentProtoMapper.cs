using Google.Protobuf.WellKnownTypes;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Configuration;
using Routing.Core;
using V1 = Routing.Contracts.V1;

namespace Routing.Server.Edge.Agents;

/// <summary>Grain records → the agent stream's messages.</summary>
internal static class AgentProtoMapper
{
    public static V1.AgentState ToProto(this AgentSnapshot snapshot)
    {
        var state = new V1.AgentState
        {
            AgentId = snapshot.AgentId,
            Presence = snapshot.Presence switch
            {
                Presence.Offline => V1.Presence.Offline,
                Presence.Available => V1.Presence.Available,
                Presence.NotReady => V1.Presence.NotReady,
                _ => V1.Presence.Unspecified,
            },
            Reason = snapshot.Reason ?? "",
            Load = snapshot.Load.ToProto(),
            Capacity = snapshot.Capacity.ToProto(),
            InteractionsToday = snapshot.InteractionsToday,
            Version = snapshot.Version,
        };
        state.Queues.Add(snapshot.Queues);
        state.Interactions.Add(snapshot.Slots.Select(s => s.ToProto()));
        return state;
    }

    public static V1.ChannelCounts ToProto(this ChannelCounts counts) => new()
    {
        Voice = counts.Voice,
        Chat = counts.Chat,
        Email = counts.Email,
        Message = counts.Message,
        Callback = counts.Callback,
    };

    public static V1.Channel ToProto(this Channel channel) => channel switch
    {
        Channel.Voice => V1.Channel.Voice,
        Channel.Chat => V1.Channel.Chat,
        Channel.Email => V1.Channel.Email,
        Channel.Message => V1.Channel.Message,
        Channel.Callback => V1.Channel.Callback,
        _ => V1.Channel.Unspecified,
    };

    public static V1.Offer ToProto(this OfferNotice offer)
    {
        var proto = new V1.Offer
        {
            InteractionId = offer.InteractionId,
            QueueId = offer.QueueId,
            Channel = offer.Channel.ToProto(),
            Priority = offer.Priority,
            Deadline = Timestamp.FromDateTimeOffset(offer.Deadline),
            CustomerId = offer.CustomerId ?? "",
            CustomerNumber = offer.CustomerNumber ?? "",
            Attempt = offer.Attempt,
            TransferredFromAgentId = offer.TransferredFromAgentId ?? "",
            Consult = offer.Consult,
        };
        proto.Attributes.Add(offer.Attributes);
        return proto;
    }

    public static V1.OfferOutcome ToProto(this OfferOutcome outcome) => outcome switch
    {
        OfferOutcome.Rejected => V1.OfferOutcome.Rejected,
        OfferOutcome.TimedOut => V1.OfferOutcome.TimedOut,
        OfferOutcome.Rescinded => V1.OfferOutcome.Rescinded,
        OfferOutcome.Withdrawn => V1.OfferOutcome.Withdrawn,
        _ => V1.OfferOutcome.Unspecified,
    };

    public static V1.TransferUpdate ToProto(this TransferNotice notice) => new()
    {
        InteractionId = notice.InteractionId,
        Kind = notice.Kind switch
        {
            TransferNoticeKind.Transferred => V1.TransferUpdateKind.Transferred,
            TransferNoticeKind.ConsultFailed => V1.TransferUpdateKind.ConsultFailed,
            _ => V1.TransferUpdateKind.Unspecified,
        },
        Detail = notice.Detail,
        WrapUpDeadline = notice.WrapUpDeadline?.ToProto(),
    };

    public static V1.AgentInteraction ToProto(this AgentSlot slot) => new()
    {
        InteractionId = slot.InteractionId,
        QueueId = slot.QueueId,
        Channel = slot.Channel.ToProto(),
        Phase = slot.Phase switch
        {
            SlotPhase.Reserved => "RESERVED",
            SlotPhase.Offered => "OFFERED",
            SlotPhase.Connected => "CONNECTED",
            SlotPhase.WrapUp => "WRAP_UP",
            _ => "UNKNOWN",
        },
        Since = Timestamp.FromDateTimeOffset(slot.Since),
    };
}
