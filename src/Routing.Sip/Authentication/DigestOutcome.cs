namespace Routing.Sip.Authentication;

/// <summary>What <see cref="DigestAuthenticator"/> decided about a request.</summary>
/// <param name="Verdict">What to answer.</param>
/// <param name="Username">Who authenticated, when <see cref="DigestVerdict.Authenticated"/>.</param>
/// <param name="Stale">Challenge with stale=true: the password was right, the nonce was not.</param>
/// <param name="Problem">Why, for the log (never sent to the client).</param>
/// <param name="IsFailedGuess">The credentials were checked and are wrong (unknown user or wrong response): what a
/// password guesser produces, counted per source.</param>
public sealed record DigestOutcome(DigestVerdict Verdict, string? Username = null, bool Stale = false, string? Problem = null,
    bool IsFailedGuess = false)
{
    public static DigestOutcome Authenticated(string username) => new(DigestVerdict.Authenticated, username);

    /// <summary>401 with a fresh challenge; <paramref name="stale"/> tells the client its password was right.</summary>
    public static DigestOutcome Challenge(string problem, bool stale = false) => new(DigestVerdict.Challenge, Stale: stale, Problem: problem);

    /// <summary>401 with a fresh challenge for credentials that were checked and are wrong.</summary>
    public static DigestOutcome Rejected(string problem) => new(DigestVerdict.Challenge, Problem: problem, IsFailedGuess: true);

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
