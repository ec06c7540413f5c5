using System.Text;
using Routing.Sip.Parsing;

namespace Routing.Sip.Messages;

/// <summary>A SIP or SIPS URI (RFC 3261 §19.1), or any other absolute URI kept opaque (<c>tel:</c>, <c>http:</c>, an
/// unknown scheme) so a request for it can be answered with 416 instead of being refused as malformed. Components are
/// kept escaped as received; <see cref="UserUnescaped"/> decodes the user part.</summary>
public sealed class SipUri
{
    private SipUri(string scheme) => Scheme = scheme;

    /// <summary>Lower case: <c>sip</c>, <c>sips</c>, or another scheme.</summary>
    public string Scheme { get; }

    /// <summary>True for sip: and sips:; the other members below are then meaningful.</summary>
    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>Everything after the scheme's colon, for a non-SIP URI.</summary>
    public string? Opaque { get; private init; }

    public string? User { get; private init; }

    public string? Password { get; private init; }

    public string Host { get; private init; } = string.Empty;

    public int? Port { get; private init; }

    public SipParameters Parameters { get; } = new();

    /// <summary>The <c>?name=value&amp;…</c> part without its question mark (escaped), or null.</summary>
    public string? Headers { get; private set; }

    public string? UserUnescaped => User is null ? null : Grammar.Unescape(User);

    /// <summary>The transport parameter, lower case, or null.</summary>
    public string? Transport => Parameters.Get("transport")?.ToLowerInvariant();

    public static SipUri Create(string scheme, string? user, string host, int? port = null) =>
        new(scheme.ToLowerInvariant()) { User = user, Host = host, Port = port };

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"'{text}' is not a valid URI");

    /// <summary>Parses a URI with no surrounding whitespace. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }
        var scheme = text[..colon];
        foreach (var c in scheme)
        {
            if (!Grammar.IsSchemeChar(c))
            {
                return false;
            }
        }
        var schemeText = scheme.ToString().ToLowerInvariant();
        var rest = text[(colon + 1)..];
        if (schemeText is not ("sip" or "sips"))
        {
            if (rest.IsEmpty || !Grammar.IsEscapedRun(rest, Grammar.IsUric))
            {
                return false;
            }
            uri = new SipUri(schemeText) { Opaque = rest.ToString() };
            return true;
        }
        return TryParseSip(schemeText, rest, out uri);
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        string? user = null, password = null;
        // userinfo admits no unescaped '@', and neither do parameters nor headers: the first '@' ends it.
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var passwordColon = userInfo.IndexOf(':');
            var userPart = passwordColon >= 0 ? userInfo[..passwordColon] : userInfo;
            if (userPart.IsEmpty || !Grammar.IsEscapedRun(userPart, Grammar.IsUserChar))
            {
                return false;
            }
            user = userPart.ToString();
            if (passwordColon >= 0)
            {
                var passwordPart = userInfo[(passwordColon + 1)..];
                if (!Grammar.IsEscapedRun(passwordPart, Grammar.IsPasswordChar))
                {
                    return false;
                }
                password = passwordPart.ToString();
            }
            rest = rest[(at + 1)..];
        }
        var reader = new ValueReader(rest);
        if (!SipHost.TryReadHostPort(ref reader, out var host, out var port))
        {
            return false;
        }
        var parsed = new SipUri(scheme) { User = user, Password = password, Host = host, Port = port };
        while (reader.TryChar(';'))
        {
            var name = reader.ReadUntilAny(";?=");
            if (name.IsEmpty || !Grammar.IsEscapedRun(name, Grammar.IsParamChar))
            {
                return false;
            }
            string? value = null;
            if (reader.TryChar('='))
            {
                var valueText = reader.ReadUntilAny(";?");
                if (valueText.IsEmpty || !Grammar.IsEscapedRun(valueText, Grammar.IsParamChar))
                {
                    return false;
                }
                value = valueText.ToString();
            }
            parsed.Parameters.Set(name.ToString(), value);
        }
        string? headers = null;
        if (reader.TryChar('?'))
        {
            var headerText = reader.Rest;
            foreach (var range in headerText.Split('&'))
            {
                var header = headerText[range];
                var equals = header.IndexOf('=');
                if (equals <= 0
                    || !Grammar.IsEscapedRun(header[..equals], Grammar.IsHeaderChar)
                    || !Grammar.IsEscapedRun(header[(equals + 1)..], Grammar.IsHeaderChar))
                {
                    return false;
                }
            }
            headers = headerText.ToString();
            reader = new ValueReader(ReadOnlySpan<char>.Empty);
        }
        if (!reader.AtEnd)
        {
            return false;
        }
        parsed.Headers = headers;
        uri = parsed;
        return true;
    }

    public override string ToString()
    {
        if (!IsSip)
        {
            return $"{Scheme}:{Opaque}";
        }
        var builder = new StringBuilder(Scheme).Append(':');
        if (User is not null)
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }
            builder.Append('@');
        }
        builder.Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port);
        }
        builder.Append(Parameters);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }
        return builder.ToString();
    }
}
