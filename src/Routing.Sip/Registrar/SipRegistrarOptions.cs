using Microsoft.Extensions.Options;
using Routing.Sip.Authentication;

namespace Routing.Sip.Registrar;

/// <summary>The registrar's settings, bound from the <c>Sip:Registrar</c> configuration section.</summary>
public sealed class SipRegistrarOptions
{
    /// <summary>The digest realm of the challenges (required; usually the SIP domain).</summary>
    public string Realm { get; set; } = string.Empty;

    /// <summary>Domains whose addresses of record this registrar keeps (Request-URI and To host); empty accepts any.</summary>
    public IList<string> Domains { get; set; } = [];

    /// <summary>Digest algorithms offered, in order; empty (the default) offers SHA-256 then MD5, as RFC 8760 §2.4 asks.
    /// Phones that read only the first challenge and know only MD5 (sipp 3.6 does) need <c>["MD5"]</c>. Empty rather
    /// than pre-filled, because configuration binding appends to a list's initial items.</summary>
    public IList<string> Algorithms { get; set; } = [];

    /// <summary>Accept MD5 responses without qop (RFC 2069 phones). Off: such a response has no replay protection.</summary>
    public bool AllowLegacyRfc2069 { get; set; }

    /// <summary>How long a nonce may be used before the client is challenged again with stale=true.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Nonces whose nonce-count is remembered for replay protection.</summary>
    public int MaxTrackedNonces { get; set; } = 100_000;

    /// <summary>Failed authentications (unknown user, wrong password) one source address may make per
    /// <see cref="FailedAuthenticationWindow"/> before it gets 403 until the window ends; 0 turns the limit off. High
    /// enough that an office of phones behind one NAT address, one of them misconfigured, keeps registering.</summary>
    public int MaxFailedAuthenticationsPerSource { get; set; } = 30;

    public TimeSpan FailedAuthenticationWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Shortest registration accepted, in seconds; shorter ones get 423 with Min-Expires (RFC 3261 §10.3 step 7).</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>Expiry of a contact with neither an expires parameter nor an Expires header, in seconds.</summary>
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>Longer registrations are shortened to this, in seconds.</summary>
    public int MaxExpires { get; set; } = 3600;

    /// <summary>Contacts one address of record may hold (a desk phone, a softphone, a mobile...).</summary>
    public int MaxBindingsPerAddressOfRecord { get; set; } = 5;

    /// <summary>Addresses of record with bindings at once; a new one past it gets 503.</summary>
    public int MaxAddressesOfRecord { get; set; } = 100_000;

    /// <summary>Accounts held in memory (<see cref="InMemorySipCredentialStore"/>), used unless another
    /// <see cref="ISipCredentialStore"/> is registered. HA1 values only, never passwords.</summary>
    public IList<SipAccountOptions> Accounts { get; set; } = [];

    internal DigestAuthenticatorSettings ToDigestSettings() => new(
        Realm,
        Algorithms.Count == 0 ? DigestAlgorithm.All : [.. Algorithms.Select(name => DigestAlgorithm.Find(name)!)],
        NonceLifetime,
        AllowLegacyRfc2069,
        MaxTrackedNonces);
}

/// <summary>One configured account: the username and its HA1 for each algorithm (lower-case hex of
/// H(username:realm:password); <see cref="SipAccount.FromPassword"/> computes them).</summary>
public sealed class SipAccountOptions
{
    public string Username { get; set; } = string.Empty;

    public string? Ha1Sha256 { get; set; }

    public string? Ha1Md5 { get; set; }
}

/// <summary>Checks <see cref="SipRegistrarOptions"/> at start-up and reports every problem at once.</summary>
public sealed class SipRegistrarOptionsValidator : IValidateOptions<SipRegistrarOptions>
{
    private const int MaxDeltaSeconds = int.MaxValue;

    public ValidateOptionsResult Validate(string? name, SipRegistrarOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Realm) || options.Realm.Length > 256 || options.Realm.Any(c => c is '"' or '\\' || char.IsControl(c)))
        {
            problems.Add($"Sip:Registrar:Realm must be 1 to 256 characters without quotes or backslashes (is '{options.Realm}')");
        }
        var unknown = options.Algorithms.Where(a => DigestAlgorithm.Find(a) is null).ToList();
        if (unknown.Count > 0 || options.Algorithms.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Algorithms.Count)
        {
            problems.Add($"Sip:Registrar:Algorithms may list SHA-256 and MD5, each once (is '{string.Join(", ", options.Algorithms)}')");
        }
        if (options.NonceLifetime < TimeSpan.FromSeconds(10) || options.NonceLifetime > TimeSpan.FromDays(1))
        {
            problems.Add($"Sip:Registrar:NonceLifetime must be 10 s to 1 day (is {options.NonceLifetime})");
        }
        if (options.MaxTrackedNonces is < 1 or > 10_000_000)
        {
            problems.Add($"Sip:Registrar:MaxTrackedNonces must be 1 to 10,000,000 (is {options.MaxTrackedNonces})");
        }
        if (options.MaxFailedAuthenticationsPerSource is < 0 or > 1_000_000
            || options.FailedAuthenticationWindow < TimeSpan.FromSeconds(1) || options.FailedAuthenticationWindow > TimeSpan.FromDays(1))
        {
            problems.Add($"Sip:Registrar:MaxFailedAuthenticationsPerSource must be 0 to 1,000,000 and FailedAuthenticationWindow 1 s to 1 day (are {options.MaxFailedAuthenticationsPerSource} and {options.FailedAuthenticationWindow})");
        }
        if (options.MinExpires < 1 || options.MaxExpires < options.MinExpires || options.MaxExpires > MaxDeltaSeconds)
        {
            problems.Add($"Sip:Registrar:MinExpires must be at least 1 and at most MaxExpires (are {options.MinExpires} and {options.MaxExpires})");
        }
        if (options.DefaultExpires < options.MinExpires || options.DefaultExpires > options.MaxExpires)
        {
            problems.Add($"Sip:Registrar:DefaultExpires must be MinExpires to MaxExpires (is {options.DefaultExpires})");
        }
        if (options.MaxBindingsPerAddressOfRecord is < 1 or > 1000)
        {
            problems.Add($"Sip:Registrar:MaxBindingsPerAddressOfRecord must be 1 to 1000 (is {options.MaxBindingsPerAddressOfRecord})");
        }
        if (options.MaxAddressesOfRecord is < 1 or > 10_000_000)
        {
            problems.Add($"Sip:Registrar:MaxAddressesOfRecord must be 1 to 10,000,000 (is {options.MaxAddressesOfRecord})");
        }
        foreach (var account in options.Accounts)
        {
            if (string.IsNullOrWhiteSpace(account.Username)
                || !IsHash(account.Ha1Sha256, DigestAlgorithm.Sha256) || !IsHash(account.Ha1Md5, DigestAlgorithm.Md5)
                || account.Ha1Sha256 is null && account.Ha1Md5 is null)
            {
                problems.Add($"Sip:Registrar:Accounts '{account.Username}' needs a username and Ha1Sha256 (64 hex digits) and/or Ha1Md5 (32 hex digits)");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsHash(string? value, DigestAlgorithm algorithm) =>
        value is null || value.Length == algorithm.HexLength && value.All(char.IsAsciiHexDigit);
}
