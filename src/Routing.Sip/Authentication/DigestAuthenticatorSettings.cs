namespace Routing.Sip.Authentication;

/// <summary>How <see cref="DigestAuthenticator"/> challenges and checks.</summary>
/// <param name="Realm">The realm of the challenge; only credentials for it are considered.</param>
/// <param name="Algorithms">Offered in this order, one WWW-Authenticate each (RFC 8760 §2.4).</param>
/// <param name="NonceLifetime">A nonce older than this gets a stale challenge.</param>
/// <param name="AllowLegacyRfc2069">Accept a response without qop (MD5 only, no replay protection beyond the nonce's
/// lifetime) for phones that predate RFC 2617.</param>
/// <param name="MaxTrackedNonces">Bound of the nonce-count table.</param>
public sealed record DigestAuthenticatorSettings(
    string Realm,
    IReadOnlyList<DigestAlgorithm> Algorithms,
    TimeSpan NonceLifetime,
    bool AllowLegacyRfc2069,
    int MaxTrackedNonces);
