using System.Text;
using System.Text.Unicode;
using Routing.Sip.Messages;

namespace Routing.Sip.Parsing;

/// <summary>Parses one SIP message strictly to the grammar of RFC 3261 §7 and §25. The work is bounded by the input:
/// one pass to find the end of the headers, one UTF-8 decode, and linear readers for each value, with no regular
/// expressions or backtracking. Never throws on any input: a refused message comes back as a
/// <see cref="SipParseError"/> with the status to answer and whether an answer can be formed.</summary>
public sealed class SipParser(SipParserOptions options)
{
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    public SipParser()
        : this(new SipParserOptions())
    {
    }

    public SipParseResult Parse(ReadOnlySpan<byte> data, SipFraming framing)
    {
        // RFC 3261 §7.5: CRLFs before the start-line are ignored (keep-alives and stray line ends).
        var skipped = 0;
        while (data.Length - skipped >= 2 && data[skipped] == '\r' && data[skipped + 1] == '\n')
        {
            skipped += 2;
        }
        data = data[skipped..];
        var searchable = data[..Math.Min(data.Length, options.MaxMessageSize)];
        var headerEnd = searchable.IndexOf(HeaderEnd);
        if (headerEnd < 0)
        {
            return Refuse(data.Length > options.MaxMessageSize ? "Message too large" : "No empty line after the headers");
        }
        var headerBytes = data[..(headerEnd + 2)];
        if (!Utf8.IsValid(headerBytes))
        {
            return Refuse("Header section is not UTF-8");
        }
        var text = Encoding.UTF8.GetString(headerBytes);
        var startLineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        // CR and LF appear only as the CRLF pairs that end lines.
        if (!HasOnlyCrLfPairs(text))
        {
            return Refuse("Bare CR or LF in the header section");
        }
        var headers = new SipHeaders(16);
        var headerProblem = ReadHeaders(text, startLineEnd + 2, headers);
        var startLine = StartLine.Parse(text[..startLineEnd]);
        // What an answer to a refused request copies; worked out only when a request is refused.
        SipHeaders? ResponseHeaders() => startLine.IsRequest ? ResponseHeadersOf(headers) : null;
        if (startLine.Problem is { } startProblem)
        {
            return Refuse(startProblem, ResponseHeaders(), startLine.ProblemStatus);
        }
        if ((headerProblem ?? HeaderValidator.Validate(headers, startLine.Method)) is { } problem)
        {
            return Refuse(problem, ResponseHeaders());
        }
        var bodyStart = headerEnd + 4;
        var available = data.Length - bodyStart;
        var declared = headers.Get(HeaderNames.ContentLength) is { } length ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        if (declared is null && framing == SipFraming.Stream)
        {
            return Refuse("Content-Length is required on a stream transport", ResponseHeaders());
        }
        var bodyLength = declared ?? available;
        if (bodyLength > available)
        {
            return Refuse("Content-Length is larger than the body", ResponseHeaders());
        }
        if (bodyStart + bodyLength > options.MaxMessageSize)
        {
            return Refuse("Message too large", ResponseHeaders(), SipStatus.MessageTooLarge);
        }
        var message = startLine.CreateMessage();
        message.Headers = headers;
        // Bytes past Content-Length in a datagram are discarded (RFC 3261 §18.3, RFC 4475 §3.1.1.8).
        message.Body = bodyLength == 0 ? ReadOnlyMemory<byte>.Empty : data.Slice(bodyStart, bodyLength).ToArray();
        return SipParseResult.Success(message);
    }

    /// <summary>Unfolds the header lines (a line starting with whitespace continues the one before, RFC 3261 §7.3.1)
    /// and splits each into name and value, reading <paramref name="text"/> in place from <paramref name="start"/>.
    /// Returns the first problem, or null.</summary>
    private string? ReadHeaders(string text, int start, SipHeaders headers)
    {
        string? name = null;
        string? value = null;
        StringBuilder? folded = null;
        for (var lineStart = start; lineStart < text.Length;)
        {
            var lineEnd = text.IndexOf("\r\n", lineStart, StringComparison.Ordinal);
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            lineStart = lineEnd + 2;
            if (line.Length > 0 && Grammar.IsWhitespace(line[0]))
            {
                if (value is null)
                {
                    return "Folded line before the first header";
                }
                folded ??= new StringBuilder(value);
                folded.Append(' ').Append(line.Trim(" \t"));
                continue;
            }
            if (name is not null && Flush(headers, name, folded?.ToString() ?? value!) is { } full)
            {
                return full;
            }
            folded = null;
            var colon = line.IndexOf(':');
            var rawName = colon < 0 ? ReadOnlySpan<char>.Empty : line[..colon].TrimEnd(" \t");
            if (!Grammar.IsToken(rawName))
            {
                return "Malformed header line";
            }
            name = rawName.ToString();
            value = line[(colon + 1)..].Trim(" \t").ToString();
        }
        return name is null ? null : Flush(headers, name, folded?.ToString() ?? value!);
    }

    private string? Flush(SipHeaders headers, string name, string value)
    {
        if (headers.Count >= options.MaxHeaderCount)
        {
            return "Too many headers";
        }
        headers.Add(name, value.Trim(' ', '\t'));
        return null;
    }

    /// <summary>Every CR is followed by LF and every LF preceded by CR.</summary>
    private static bool HasOnlyCrLfPairs(string text)
    {
        for (var i = text.AsSpan().IndexOfAny('\r', '\n'); i >= 0;)
        {
            if (text[i] != '\r' || i + 1 >= text.Length || text[i + 1] != '\n')
            {
                return false;
            }
            var next = text.AsSpan(i + 2).IndexOfAny('\r', '\n');
            i = next < 0 ? -1 : i + 2 + next;
        }
        return true;
    }

    /// <summary>What §8.2.6 copies into a response, as received, when the top Via can carry one back.</summary>
    private static SipHeaders? ResponseHeadersOf(SipHeaders headers)
    {
        var vias = headers.Values(HeaderNames.Via);
        if (vias.Count == 0 || !ViaHeader.TryParseSentBy(vias[0], out _))
        {
            return null;
        }
        var copied = new SipHeaders();
        foreach (var via in headers.GetAll(HeaderNames.Via))
        {
            copied.Add(via.Name, via.Value);
        }
        foreach (var name in new[] { HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq })
        {
            if (headers.Get(name) is { } value)
            {
                copied.Add(name, value);
            }
        }
        return copied;
    }

    private static SipParseResult Refuse(string reason, SipHeaders? responseHeaders = null, int status = SipStatus.BadRequest) =>
        SipParseResult.Failure(new SipParseError(status, reason, responseHeaders));
}
