using Routing.Abstractions;
using Routing.Abstractions.Agents;

namespace Routing.Server.Edge.Agents;

/// <summary>Whether a command of a session stream may be carried out.</summary>
internal enum Admission
{
    Admitted,

    /// <summary>The caller's bucket is empty.</summary>
    RateLimited,

    /// <summary>Another stream holds the agent's session now.</summary>
    SessionLost,
}

/// <summary>
/// Lets a command of one session stream through: the caller's rate limit first (a refusal costs no grain
/// call, so a flood stays cheap), then the agent grain's word that this stream still holds the session,
/// asked for every command because a notice of a takeover can come late or be lost.
/// </summary>
internal sealed class AgentCommandAdmission(CallerRateLimit rateLimit, IAgentGrain agent, IAgentSessionObserver stream)
{
    public async Task<Admission> AdmitAsync()
    {
        if (!rateLimit.TryTake())
        {
            return Admission.RateLimited;
        }
        return await agent.HoldsSession(stream) ? Admission.Admitted : Admission.SessionLost;
    }
}
