using Routing.Contracts.V1;

namespace Routing.Client.Agents;

/// <summary>Something that happened to an agent session, in the order it happened.</summary>
public abstract record AgentSessionEvent;

/// <summary>A new offer rings at the agent: accept or reject it by its interaction id.</summary>
public sealed record OfferReceived(Offer Offer) : AgentSessionEvent;

/// <summary>A ringing offer ended without a connection (rejected, timed out, rescinded, withdrawn).</summary>
public sealed record OfferClosed(string InteractionId, OfferOutcome Outcome) : AgentSessionEvent;

/// <summary>A transfer the agent asked for moved on: its part ended (wrap up and complete it), or a consult
/// failed (the interaction stays connected to the agent).</summary>
public sealed record TransferUpdated(TransferUpdate Update) : AgentSessionEvent;

/// <summary>The agent's presence or load changed (never an older version than one already passed on).</summary>
public sealed record AgentStateChanged(AgentState State) : AgentSessionEvent;

/// <summary>The stream dropped; the session is reconnecting. Commands wait for it (up to their timeout).</summary>
public sealed record SessionReconnecting(Exception Cause) : AgentSessionEvent;

/// <summary>
/// A new stream carries the session again. <see cref="SessionStarted.Resumed"/> tells whether the agent's
/// state was kept (reconnected within the server's grace period) or a new session began (the agent went
/// offline meanwhile and its ringing offers went back to their queues).
/// </summary>
public sealed record SessionReconnected(SessionStarted Started) : AgentSessionEvent;

/// <summary>The session is over and will not reconnect: the server moved it to another stream, refused
/// it, or the app disposed it. No events follow.</summary>
public sealed record SessionClosed(string Reason, Exception? Error) : AgentSessionEvent;
