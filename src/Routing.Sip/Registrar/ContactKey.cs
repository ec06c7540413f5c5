using Routing.Sip.Messages;

namespace Routing.Sip.Registrar;

/// <summary>When two Contact URIs name the same binding (RFC 3261 §10.3 step 7 compares them by §19.1.4): scheme,
/// user and password exactly (unescaped), host case-insensitively, the port as written, and the URI parameters in any
/// order with case-insensitive names and values. Stricter than §19.1.4 for a parameter present in only one of the
/// two, which a phone that repeats its own Contact never meets.</summary>
internal static class ContactKey
{
    public static string Of(SipUri uri)
    {
        if (!uri.IsSip)
        {
            return uri.ToString();
        }
        var parameters = uri.Parameters
            .Select(p => p.Value is null ? p.Name.ToLowerInvariant() : $"{p.Name.ToLowerInvariant()}={p.Value.ToLowerInvariant()}")
            .Order(StringComparer.Ordinal);
        return $"{uri.Scheme}:{uri.UserUnescaped}:{uri.Password}@{uri.Host.ToLowerInvariant()}:{uri.Port};{string.Join(';', parameters)}";
    }
}
