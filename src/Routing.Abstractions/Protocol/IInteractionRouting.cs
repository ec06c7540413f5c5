using Orleans.Concurrency;
using Routing.Abstractions.Interactions;
using Routing.Core.Lifecycle;

namespace Routing.Abstractions.Protocol;

/// <summary>
/// The interaction's part in the grains' own protocol (<c>tenant/interactionId</c>, implemented by the
/// interaction grain beside <see cref="IInteractionGrain"/>): queues and agents offer it and take offers
/// back, and queues and agents wake it after a silo was lost. Only grains call these methods.
/// </summary>
[Alias("routing.interaction-routing")]
public interface IInteractionRouting : IGrainWithStringKey
{
    /// <summary>Atomic: Queued → Offered to the requesting queue's chosen agent (or, during a consult to that
    /// queue, the consult offer to it); null when no longer queued.</summary>
    [AlwaysInterleave]
    [Alias("Offer")]
    Task<OfferNotice?> Offer(OfferRequest request);

    /// <summary>The offer to <paramref name="agentId"/> is taken back without blame (agent logged out).</summary>
    [Alias("Withdraw")]
    Task<InteractionSnapshot> Withdraw(string agentId);

    /// <summary>Wakes the interaction after a silo was lost: activating it re-arms its deadlines, and a
    /// waiting one re-asserts its place in its queue's line.</summary>
    [OneWay]
    [Alias("Recover")]
    Task Recover();
}
