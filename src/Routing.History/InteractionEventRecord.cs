using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.History;

/// <summary>One entry of an interaction's timeline, keyed by tenant, interaction and <see cref="Sequence"/>
/// (numbered from 1 by the interaction). Written once; a repeat is ignored.</summary>
public sealed record InteractionEventRecord : HistoryFact
{
    public required string InteractionId { get; init; }

    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    public required InteractionEventKind Kind { get; init; }

    /// <summary>The interaction's state after the event.</summary>
    public required InteractionStatus Status { get; init; }

    public required string QueueId { get; init; }

    /// <summary>The agent concerned (offered to, connected to, transferring…), if any.</summary>
    public string? AgentId { get; init; }

    /// <summary>More about it; a callback request's number is protected as the interaction's numbers are.</summary>
    public string? Detail { get; init; }

    /// <summary>Encrypt mode: the full detail of an event that holds personal data, encrypted with the tenant's key.</summary>
    public string? PersonalSecret { get; init; }
}
