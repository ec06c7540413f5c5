namespace Routing.Core;

/// <summary>
/// The agent as it stood right after one step of a transition: one entry of its history. A transition may take
/// several steps (a release that also makes the agent not ready, a logout that drops reservations), and each
/// step's presence and load are kept, since login, break and handling-time reports are computed from them.
/// </summary>
public sealed record AgentMoment(
    DateTimeOffset At,
    AgentCause Cause,
    string? InteractionId,
    Presence Presence,
    string? Reason,
    ChannelCounts Load,
    bool PresenceChanged);
