using Orleans.Concurrency;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Protocol;

namespace Routing.Abstractions;

/// <summary>
/// One agent (<c>tenant/agentId</c>) as its app, supervisors and the gRPC edge see it: presence, load,
/// history and the app's session. What queues, interactions and the tenant ask of the agent is on
/// <see cref="IAgentRouting"/>, which the same grain implements.
/// </summary>
/// <remarks>
/// Presence changes interleave (they await nothing but the state write), so an agent's app is never kept
/// waiting behind the agent's own look for work. See src/Routing.Grains/README.md for the call discipline.
/// </remarks>
[Alias("routing.agent")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Offline → NotReady(logged-in).</summary>
    [AlwaysInterleave]
    [Alias("Login")]
    Task<AgentSnapshot> Login();

    /// <summary>Makes the agent Available (logging in first when Offline); it is then offered the
    /// best-scored waiting interaction among all its queues.</summary>
    [AlwaysInterleave]
    [Alias("SetReady")]
    Task<AgentSnapshot> SetReady();

    /// <summary>No new offers until ready again; work in progress continues.</summary>
    [AlwaysInterleave]
    [Alias("SetNotReady")]
    Task<AgentSnapshot> SetNotReady(string reason);

    /// <summary>Goes Offline. Offers still ringing are withdrawn and go back to their place in line.
    /// Refused while the agent has a connected interaction or one in wrap-up.</summary>
    [Alias("Logout")]
    Task<AgentSnapshot> Logout();

    [ReadOnly, AlwaysInterleave]
    [Alias("GetSnapshot")]
    Task<AgentSnapshot> GetSnapshot();

    /// <summary>The agent's timestamped presence and load changes, oldest first.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetHistory")]
    Task<AgentStateEntry[]> GetHistory();

    [Alias("Subscribe")]
    Task Subscribe(IAgentObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IAgentObserver observer);

    /// <summary>
    /// Atomic: makes <paramref name="sessionId"/> the agent's app session and <paramref name="observer"/>'s
    /// stream (the gRPC stream) the only one that holds it. The stream that held it before is told it ended
    /// (its stream closes), and from now on refused by <see cref="HoldsSession"/> and <see cref="RenewSession"/>
    /// even if that notice is lost. Cancels a running grace period. <paramref name="grace"/> is how long the
    /// agent keeps its state if this stream drops.
    /// </summary>
    [AlwaysInterleave]
    [Alias("AttachSession")]
    Task<AgentSnapshot> AttachSession(string sessionId, TimeSpan grace, IAgentSessionObserver observer);

    /// <summary>Atomic: the session's edge is still there (sent periodically); re-subscribes
    /// <paramref name="observer"/>. False when <paramref name="observer"/>'s stream no longer holds
    /// <paramref name="sessionId"/> (another stream attached).</summary>
    [AlwaysInterleave]
    [Alias("RenewSession")]
    Task<bool> RenewSession(string sessionId, IAgentSessionObserver observer);

    /// <summary>Whether <paramref name="observer"/>'s stream holds the agent's session now. The edge asks
    /// before carrying out each command of a stream, so only the one stream that holds the session can act
    /// for the agent, whatever the order in which concurrent streams attached. When it does and this activation
    /// has no observer for it (a new activation after a silo died), <paramref name="observer"/> is subscribed
    /// again, as by <see cref="RenewSession"/>.</summary>
    [AlwaysInterleave]
    [Alias("HoldsSession")]
    Task<bool> HoldsSession(IAgentSessionObserver observer);

    /// <summary>
    /// Atomic: the session's stream dropped. The agent keeps its state for <paramref name="grace"/>; a
    /// stream attaching the same session id before then resumes it. Past it the agent goes Offline:
    /// ringing offers are withdrawn, connected and wrap-up interactions are left to finish. Ignored when
    /// <paramref name="sessionId"/> is not attached through <paramref name="observer"/> (the stream was replaced).
    /// </summary>
    [AlwaysInterleave]
    [Alias("DetachSession")]
    Task DetachSession(string sessionId, TimeSpan grace, IAgentSessionObserver observer);

    /// <summary>Records where the agent's phone registered (a SIP gateway's registrar), replacing the one before;
    /// null clears it (the phone unregistered). Stored with the agent, so every gateway of the cluster reaches the phone
    /// wherever it registered, and a restarted gateway keeps it.</summary>
    [AlwaysInterleave]
    [Alias("SetContact")]
    Task SetContact(AgentContact? contact);

    /// <summary>The registered contact while it has not expired; null otherwise. NotFound for an agent the tenant does
    /// not configure (as for <see cref="SetContact"/>).</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetContact")]
    Task<AgentContact?> GetContact();

    /// <summary>Where media for the agent goes now: the registered contact while it lasts, else the endpoint in the
    /// agent's configuration; null when neither (what a gateway's Watch shows on offers and connections).</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetEndpoint")]
    Task<string?> GetEndpoint();

    /// <summary>The current session (attached, or detached and within its grace period); null when none.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetSessionId")]
    Task<string?> GetSessionId();
}
