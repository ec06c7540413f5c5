using Routing.Core;

namespace Routing.Abstractions.Interactions;

/// <summary>
/// The connected agent hands the interaction on: to a queue (<see cref="QueueId"/>) or to a named agent
/// (<see cref="AgentId"/>), blind (the agent's part ends now) or as a consult (the agent stays connected until
/// the target accepts).
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.transfer-request")]
public sealed record TransferRequest
{
    /// <summary>How long a named agent's offer rings, or a consult waits for the target to accept, when not given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest <see cref="Timeout"/> allowed.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The agent connected to the interaction, who asks for the transfer.</summary>
    [Id(0)] public required string FromAgentId { get; init; }
    /// <summary>The target queue; set this or <see cref="AgentId"/>.</summary>
    [Id(1)] public string? QueueId { get; init; }
    /// <summary>The target agent; set this or <see cref="QueueId"/>.</summary>
    [Id(2)] public string? AgentId { get; init; }
    /// <summary>Consult (warm): the first agent stays connected until the target accepts.</summary>
    [Id(3)] public bool Consult { get; init; }
    /// <summary>For a named agent: how long the offer rings. For a consult: how long the target has to accept.
    /// Null: <see cref="DefaultTimeout"/>.</summary>
    [Id(4)] public TimeSpan? Timeout { get; init; }
    /// <summary>Blind transfer to a named agent: the queue it falls back to when the agent rejects, does not
    /// answer or cannot take it. Null: the interaction's current queue.</summary>
    [Id(5)] public string? FallbackQueueId { get; init; }

    public IEnumerable<string> Problems()
    {
        if (EntityId.Problem("agent", FromAgentId) is { } fromProblem)
        {
            yield return fromProblem;
        }
        if ((QueueId is null) == (AgentId is null))
        {
            yield return "a transfer needs exactly one target: a queue or an agent";
        }
        if (QueueId is not null && EntityId.Problem("queue", QueueId) is { } queueProblem)
        {
            yield return queueProblem;
        }
        if (AgentId is not null && EntityId.Problem("agent", AgentId) is { } agentProblem)
        {
            yield return agentProblem;
        }
        if (AgentId is not null && AgentId == FromAgentId)
        {
            yield return $"agent '{AgentId}' cannot transfer an interaction to themselves";
        }
        if (Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > MaxTimeout))
        {
            yield return "the transfer timeout must be more than 0 and at most 10 minutes";
        }
        if (FallbackQueueId is not null && (AgentId is null || Consult))
        {
            yield return "a fallback queue applies only to a blind transfer to an agent";
        }
        if (FallbackQueueId is not null && EntityId.Problem("queue", FallbackQueueId) is { } fallbackProblem)
        {
            yield return fallbackProblem;
        }
    }
}
