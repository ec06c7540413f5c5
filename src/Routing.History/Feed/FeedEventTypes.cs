using System.Collections.Frozen;
using Routing.Core.Lifecycle;

namespace Routing.History.Feed;

/// <summary>The feed's event types, reverse-DNS style: what a consumer filters on and a webhook's CloudEvents <c>type</c>.</summary>
public static class FeedEventTypes
{
    public const string InteractionPrefix = "routing.interaction.";

    /// <summary>An agent state interval began: the agent's presence (and load) changed.</summary>
    public const string AgentStateChanged = "routing.agent.state.changed";

    /// <summary>An agent state interval ended (its end time is in the data).</summary>
    public const string AgentStateEnded = "routing.agent.state.ended";

    /// <summary>A supervisor acted (forced a state, moved an interaction, …).</summary>
    public const string SupervisorAction = "routing.supervisor.action";

    private static readonly FrozenDictionary<InteractionEventKind, string> InteractionTypes =
        Enum.GetValues<InteractionEventKind>().Distinct().ToFrozenDictionary(kind => kind, kind => InteractionPrefix + InWords(kind));

    /// <summary>The type of an interaction timeline event: <c>routing.interaction.</c> and the event in words
    /// (<c>answered</c> when an agent connected, <c>completed</c> when wrap-up ended, …).</summary>
    public static string Interaction(InteractionEventKind kind) =>
        InteractionTypes.TryGetValue(kind, out var type) ? type : InteractionPrefix + InWords(kind);

    private static string InWords(InteractionEventKind kind) => kind switch
    {
        InteractionEventKind.Queued => "queued",
        InteractionEventKind.Offered => "offered",
        InteractionEventKind.OfferRejected => "offer.rejected",
        InteractionEventKind.OfferTimedOut => "offer.timed_out",
        InteractionEventKind.OfferRescinded => "offer.rescinded",
        InteractionEventKind.Connected => "answered",
        InteractionEventKind.Ended => "ended",
        InteractionEventKind.Completed => "completed",
        InteractionEventKind.Abandoned => "abandoned",
        InteractionEventKind.Reprioritised => "reprioritised",
        InteractionEventKind.Moved => "moved",
        InteractionEventKind.Transferred => "transferred",
        InteractionEventKind.ConsultStarted => "consult.started",
        InteractionEventKind.ConsultFailed => "consult.failed",
        InteractionEventKind.ConsultCancelled => "consult.cancelled",
        InteractionEventKind.Overflowed => "overflowed",
        InteractionEventKind.CallbackRequested => "callback.requested",
        InteractionEventKind.Scheduled => "scheduled",
        // A kind added later still reaches the feed, under its own name.
        _ => kind.ToString().ToLowerInvariant(),
    };
}
