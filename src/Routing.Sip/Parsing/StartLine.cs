using System.Globalization;
using Routing.Sip.Messages;

namespace Routing.Sip.Parsing;

/// <summary>The Request-Line (<c>Method SP Request-URI SP SIP-Version</c>) or Status-Line (<c>SIP-Version SP
/// Status-Code SP Reason-Phrase</c>) of RFC 3261 §7.1–7.2: single spaces, nothing before or after.</summary>
internal sealed class StartLine
{
    private StartLine()
    {
    }

    public bool IsRequest { get; private init; }

    public string? Method { get; private init; }

    public SipUri? RequestUri { get; private init; }

    public int StatusCode { get; private init; }

    public string ReasonPhrase { get; private init; } = string.Empty;

    public string? Problem { get; private init; }

    public int ProblemStatus { get; private init; } = SipStatus.BadRequest;

    public SipMessage CreateMessage() => IsRequest
        ? new SipRequest(Method!, RequestUri!)
        : new SipResponse(StatusCode, ReasonPhrase);

    public static StartLine Parse(string line)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return ParseStatusLine(line);
        }
        var parts = line.Split(' ');
        if (parts.Length != 3)
        {
            return new StartLine { IsRequest = true, Problem = "Malformed Request-Line" };
        }
        var (method, uriText, version) = (parts[0], parts[1], parts[2]);
        if (!Grammar.IsToken(method))
        {
            return new StartLine { IsRequest = true, Problem = "Malformed method" };
        }
        if (!SipUri.TryParse(uriText, out var uri))
        {
            return new StartLine { IsRequest = true, Problem = "Malformed Request-URI" };
        }
        if (uri.Headers is not null)
        {
            // RFC 3261 §19.1.1, table 1: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
            return new StartLine { IsRequest = true, Problem = "Request-URI carries headers" };
        }
        if (!IsVersion(version))
        {
            return new StartLine { IsRequest = true, Problem = "Malformed SIP-Version" };
        }
        if (!string.Equals(version, SipMessage.Version, StringComparison.OrdinalIgnoreCase))
        {
            return new StartLine { IsRequest = true, Problem = "SIP version not supported", ProblemStatus = SipStatus.VersionNotSupported };
        }
        return new StartLine { IsRequest = true, Method = method, RequestUri = uri };
    }

    private static StartLine ParseStatusLine(string line)
    {
        var first = line.IndexOf(' ', StringComparison.Ordinal);
        var version = first < 0 ? line : line[..first];
        if (!IsVersion(version) || !string.Equals(version, SipMessage.Version, StringComparison.OrdinalIgnoreCase))
        {
            return new StartLine { Problem = "Unsupported or malformed SIP-Version in the Status-Line" };
        }
        var rest = line[(first + 1)..];
        if (rest.Length < 4 || rest[3] != ' ' || !rest[..3].All(Grammar.IsDigit) || rest[0] is < '1' or > '6')
        {
            return new StartLine { Problem = "Malformed Status-Code" };
        }
        var reason = rest[4..];
        if (reason.Any(c => (c < ' ' && c != '\t') || c == '\x7f'))
        {
            return new StartLine { Problem = "Control character in the Reason-Phrase" };
        }
        return new StartLine { StatusCode = int.Parse(rest[..3], CultureInfo.InvariantCulture), ReasonPhrase = reason };
    }

    /// <summary>"SIP" "/" 1*DIGIT "." 1*DIGIT, the literal case-insensitive.</summary>
    private static bool IsVersion(string version)
    {
        if (version.Length < 7 || !version.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var numbers = version.AsSpan(4);
        var dot = numbers.IndexOf('.');
        return dot > 0 && dot < numbers.Length - 1 && !numbers[..dot].ContainsAnyExcept("0123456789")
            && !numbers[(dot + 1)..].ContainsAnyExcept("0123456789");
    }
}
