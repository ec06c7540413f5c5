namespace Routing.Sip.Authentication;

/// <summary>The digest computations of RFC 7616 §3.4.1–§3.4.3 with qop=auth, and RFC 2069's older form without qop.</summary>
public static class DigestCalculator
{
    /// <summary>HA1 = H(username ":" realm ":" password), what a credential store keeps instead of the password.</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password) =>
        algorithm.Hash($"{username}:{realm}:{password}");

    /// <summary>The response with qop=auth: H(HA1 ":" nonce ":" nc ":" cnonce ":" "auth" ":" H(method ":" uri)).</summary>
    public static string Response(DigestAlgorithm algorithm, string ha1, string nonce, string nonceCount, string clientNonce,
        string method, string uri) =>
        algorithm.Hash($"{ha1}:{nonce}:{nonceCount}:{clientNonce}:auth:{Ha2(algorithm, method, uri)}");

    /// <summary>The response without qop (RFC 2069): H(HA1 ":" nonce ":" H(method ":" uri)).</summary>
    public static string LegacyResponse(DigestAlgorithm algorithm, string ha1, string nonce, string method, string uri) =>
        algorithm.Hash($"{ha1}:{nonce}:{Ha2(algorithm, method, uri)}");

    private static string Ha2(DigestAlgorithm algorithm, string method, string uri) => algorithm.Hash($"{method}:{uri}");
}
