using Routing.Sip.Messages;

namespace Routing.Sip.Registrar;

/// <summary>The canonical form of an address of record, the key of the bindings (RFC 3261 §10.3 step 5): the scheme,
/// the user unescaped, the host in lower case and the port if given; parameters and password dropped.</summary>
public static class AddressOfRecord
{
    /// <summary>The canonical AOR of <paramref name="uri"/>, or null when it is not a SIP URI with a user.</summary>
    public static string? From(SipUri uri) =>
        uri.IsSip && uri.UserUnescaped is { Length: > 0 } user
            ? $"{uri.Scheme}:{user}@{uri.Host.ToLowerInvariant()}" + (uri.Port is { } port ? $":{port}" : string.Empty)
            : null;

    /// <summary>The canonical AOR of a URI written as text (<c>sip:1001@example.com</c>), or null.</summary>
    public static string? From(string uri) => SipUri.TryParse(uri, out var parsed) ? From(parsed) : null;
}
