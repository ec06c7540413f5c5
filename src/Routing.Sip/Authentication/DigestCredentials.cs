using Routing.Sip.Parsing;

namespace Routing.Sip.Authentication;

/// <summary>An Authorization header with the Digest scheme (RFC 3261 §25.1 <c>credentials</c>, RFC 7616 §3.4):
/// <c>Digest</c> then comma-separated <c>name=value</c> pairs, each value a token or a quoted-string.</summary>
public sealed class DigestCredentials
{
    public const string Scheme = "Digest";

    private readonly Dictionary<string, string> _parameters;

    private DigestCredentials(Dictionary<string, string> parameters) => _parameters = parameters;

    public string Username => _parameters["username"];

    public string Realm => _parameters["realm"];

    public string Nonce => _parameters["nonce"];

    public string Uri => _parameters["uri"];

    public string Response => _parameters["response"];

    /// <summary>As written; null when absent (which means MD5).</summary>
    public string? Algorithm => Get("algorithm");

    public string? Qop => Get("qop");

    /// <summary>nc: eight hex digits when qop is present.</summary>
    public string? NonceCount => Get("nc");

    public string? ClientNonce => Get("cnonce");

    /// <summary>True when the value's scheme token is Digest (case-insensitive), whatever follows.</summary>
    public static bool IsDigest(string value)
    {
        var trimmed = value.AsSpan().TrimStart();
        return trimmed.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && (trimmed.Length == Scheme.Length || Grammar.IsWhitespace(trimmed[Scheme.Length]));
    }

    /// <summary>Parses a Digest value. False when the syntax is broken, a parameter repeats, or one of username,
    /// realm, nonce, uri and response is missing; with qop, nc (8 hex digits) and cnonce are required too
    /// (RFC 7616 §3.4). Never throws.</summary>
    public static bool TryParse(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DigestCredentials? credentials)
    {
        credentials = null;
        if (!IsDigest(value))
        {
            return false;
        }
        var reader = new ValueReader(value.AsSpan().TrimStart()[Scheme.Length..]);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        do
        {
            reader.SkipWhitespace();
            var name = reader.ReadToken();
            if (name is null || !reader.TrySeparator('='))
            {
                return false;
            }
            string? parameter;
            if (reader.Peek == '"')
            {
                parameter = reader.TryReadQuoted(out _, out var content) ? content : null;
            }
            else
            {
                parameter = reader.ReadToken();
            }
            if (parameter is null || !parameters.TryAdd(name, parameter))
            {
                return false;
            }
        }
        while (reader.TrySeparator(','));
        reader.SkipWhitespace();
        if (!reader.AtEnd || !HasRequired(parameters))
        {
            return false;
        }
        credentials = new DigestCredentials(parameters);
        return true;
    }

    private static bool HasRequired(Dictionary<string, string> parameters)
    {
        if (!new[] { "username", "realm", "nonce", "uri", "response" }.All(parameters.ContainsKey))
        {
            return false;
        }
        if (!parameters.ContainsKey("qop"))
        {
            return true;
        }
        return parameters.TryGetValue("nc", out var nc) && nc.Length == 8 && nc.All(char.IsAsciiHexDigit)
            && parameters.TryGetValue("cnonce", out var cnonce) && cnonce.Length > 0;
    }

    private string? Get(string name) => _parameters.TryGetValue(name, out var value) ? value : null;
}
