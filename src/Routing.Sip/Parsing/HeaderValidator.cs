using System.Globalization;
using Routing.Sip.Messages;

namespace Routing.Sip.Parsing;

/// <summary>Checks the headers the stack relies on against their RFC 3261 grammar, and that every other header holds
/// no control character outside a quoted-pair. Returns the first problem, or null.</summary>
internal static class HeaderValidator
{
    private static readonly string[] RequestRequired = [HeaderNames.Via, HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq];

    public static string? Validate(SipHeaders headers, string? requestMethod)
    {
        foreach (var name in RequestRequired)
        {
            if (!headers.Contains(name))
            {
                return $"Missing {name} header";
            }
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (HeaderNames.IsSingle(header.Name) && !seen.Add(header.Name))
            {
                return $"More than one {header.Name} header";
            }
            if (Check(header, requestMethod) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? Check(SipHeader header, string? requestMethod)
    {
        var value = header.Value;
        switch (header.Name)
        {
            case HeaderNames.Via:
                return EachValue(value, static v => ViaHeader.TryParse(v, out _), "Malformed Via header");
            case HeaderNames.From:
            case HeaderNames.To:
                return NameAddress.TryParse(value, out _) ? null : $"Malformed {header.Name} header";
            case HeaderNames.Contact:
                return value == "*" ? null : EachValue(value, static v => NameAddress.TryParse(v, out _), "Malformed Contact header");
            case HeaderNames.Route:
            case HeaderNames.RecordRoute:
                return EachValue(value, static v => NameAddress.TryParse(v, out _), $"Malformed {header.Name} header");
            case HeaderNames.CallId:
                return IsCallId(value) ? null : "Malformed Call-ID header";
            case HeaderNames.CSeq:
                if (!CSeqHeader.TryParse(value, out var cseq))
                {
                    return "Malformed CSeq header";
                }
                return requestMethod is null || string.Equals(cseq.Method, requestMethod, StringComparison.Ordinal)
                    ? null
                    : "CSeq method does not match the request method";
            case HeaderNames.MaxForwards:
                return IsNumber(value, max: 255) ? null : "Malformed Max-Forwards header";
            case HeaderNames.ContentLength:
                return IsNumber(value, max: int.MaxValue) ? null : "Malformed Content-Length header";
            case "Expires":
            case "Min-Expires":
                return value.Length > 0 && value.All(Grammar.IsDigit) ? null : $"Malformed {header.Name} header";
            case HeaderNames.Date:
                return IsRfc1123Date(value) ? null : "Malformed Date header";
            case HeaderNames.ContentType:
                return IsMediaType(value) ? null : "Malformed Content-Type header";
            case HeaderNames.Require:
            case HeaderNames.ProxyRequire:
                return EachValue(value, static v => Grammar.IsToken(v), $"Malformed {header.Name} header");
            case HeaderNames.Supported:
            case HeaderNames.Unsupported:
            case HeaderNames.Allow:
                return value.Length == 0 ? null : EachValue(value, static v => Grammar.IsToken(v), $"Malformed {header.Name} header");
            default:
                return HasStrayControl(value) ? $"Control character in {header.Name} header" : null;
        }
    }

    private static string? EachValue(string value, Func<string, bool> valid, string problem)
    {
        foreach (var part in HeaderValueSplitter.Split(value))
        {
            if (!valid(part))
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>callid = word [ "@" word ].</summary>
    private static bool IsCallId(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? IsWord(value) : IsWord(value.AsSpan(0, at)) && IsWord(value.AsSpan(at + 1));
    }

    private static bool IsWord(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!Grammar.IsWord(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNumber(string value, long max) =>
        value.Length is > 0 and <= 10 && value.All(Grammar.IsDigit) && long.Parse(value, CultureInfo.InvariantCulture) <= max;

    /// <summary>rfc1123-date, which SIP restricts to GMT (RFC 3261 §20.17).</summary>
    private static bool IsRfc1123Date(string value) =>
        DateTime.TryParseExact(value, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>m-type SLASH m-subtype *(SEMI m-parameter).</summary>
    private static bool IsMediaType(string value)
    {
        var reader = new ValueReader(value);
        if (reader.ReadToken() is null || !reader.TrySeparator('/') || reader.ReadToken() is null)
        {
            return false;
        }
        var parameters = new SipParameters();
        if (!SipParameters.TryRead(ref reader, parameters))
        {
            return false;
        }
        reader.SkipWhitespace();
        return reader.AtEnd;
    }

    private static bool HasStrayControl(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                i++;
            }
            else if ((c < ' ' && c != '\t') || c == '\x7f')
            {
                return true;
            }
        }
        return false;
    }
}
