namespace Routing.Abstractions.EntryPoints;

/// <summary>How a telephony gateway hands a call of the entry point to the agent the cluster chose.</summary>
public enum EntryPointMode
{
    /// <summary>The gateway answers the caller's INVITE with a redirect (302) to the agent's contact once the agent
    /// accepts; the PBX in front keeps the media. One INVITE transaction per call.</summary>
    Redirect = 0,

    /// <summary>The gateway rings the agent's registered phone itself (a stateful, record-routing proxy): the phone's
    /// answer is the accept, its refusal a reject.</summary>
    Proxy = 1,
}
