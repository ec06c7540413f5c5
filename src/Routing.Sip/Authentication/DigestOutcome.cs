namespace Routing.Sip.Authentication;

/// <summary>What <see cref="DigestAuthenticator"/> decided about a request.</summary>
public sealed record DigestOutcome(DigestVerdict Verdict, string? Username = null, bool Stale = false, string? Problem = null)
{
    public static DigestOutcome Authenticated(string username) => new(DigestVerdict.Authenticated, username);

    /// <summary>401 with a fresh challenge; <paramref name="stale"/> tells the client its password was right.</summary>
    public static DigestOutcome Challenge(string problem, bool stale = false) => new(DigestVerdict.Challenge, Stale: stale, Problem: problem);

    public static DigestOutcome Malformed(string problem) => new(DigestVerdict.Malformed, Problem: problem);
}

public enum DigestVerdict
{
    /// <summary>The credentials are right and fresh; <see cref="DigestOutcome.Username"/> is who sent them.</summary>
    Authenticated,

    /// <summary>Answer 401 with new challenges: no credentials for this realm, or they do not prove the password.</summary>
    Challenge,

    /// <summary>Answer 400: an Authorization header that does not follow the grammar.</summary>
    Malformed,
}
