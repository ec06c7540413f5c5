using System.Collections.Frozen;

namespace Routing.Core;

/// <summary>
/// The name of each <see cref="AgentCause"/>: the string history entries carried before the enum, which stored
/// entries still hold and clients know. The one mapping between the two, both ways.
/// </summary>
public static class AgentCauseNames
{
    private static readonly FrozenDictionary<string, AgentCause> ByName =
        Enum.GetValues<AgentCause>().ToFrozenDictionary(ToWireName, StringComparer.Ordinal);

    public static string ToWireName(this AgentCause cause) => cause switch
    {
        AgentCause.Login => "login",
        AgentCause.Ready => "ready",
        AgentCause.NotReady => "not-ready",
        AgentCause.Logout => "logout",
        AgentCause.SessionExpired => "session-expired",
        AgentCause.RemovedFromConfiguration => "removed-from-configuration",
        AgentCause.NoAnswer => "no-answer",
        AgentCause.Reserved => "reserved",
        AgentCause.Offered => "offered",
        AgentCause.Connected => "connected",
        AgentCause.WrapUp => "wrap-up",
        AgentCause.Finished => "finished",
        // The released names were built from OfferOutcome's member names, lower-cased: "timedout" has no hyphen.
        AgentCause.ReleasedRejected => "released-rejected",
        AgentCause.ReleasedTimedOut => "released-timedout",
        AgentCause.ReleasedRescinded => "released-rescinded",
        AgentCause.ReleasedWithdrawn => "released-withdrawn",
        AgentCause.ReleasedStale => "released-stale-reservation",
        AgentCause.ReleasedUnclaimed => "released-unclaimed",
        // Unknown, and numbers a newer build added: a test checks every member has a name of its own.
        _ => "unknown",
    };

    /// <summary>The cause named <paramref name="name"/>; <see cref="AgentCause.Unknown"/> for null or a name no
    /// cause has.</summary>
    public static AgentCause FromWireName(string? name) =>
        name is not null && ByName.TryGetValue(name, out var cause) ? cause : AgentCause.Unknown;
}
