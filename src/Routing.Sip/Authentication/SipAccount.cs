namespace Routing.Sip.Authentication;

/// <summary>An account as digest authentication needs it: the username, the realm and HA1 = H(username:realm:password)
/// for each algorithm (RFC 7616 §3.4.2). An algorithm without an HA1 is refused for this account.</summary>
public sealed record SipAccount(string Username, string Realm, string? Ha1Sha256, string? Ha1Md5)
{
    /// <summary>Both HA1 values from a password, for configuration tools and tests; the password is not kept.</summary>
    public static SipAccount FromPassword(string username, string realm, string password) => new(
        username,
        realm,
        DigestCalculator.Ha1(DigestAlgorithm.Sha256, username, realm, password),
        DigestCalculator.Ha1(DigestAlgorithm.Md5, username, realm, password));

    public string? Ha1For(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha256 ? Ha1Sha256 : Ha1Md5;
}
