using System.Net;
using System.Net.Sockets;
using Routing.Sip.Parsing;

namespace Routing.Sip.Messages;

/// <summary>The host of a SIP URI or Via sent-by (RFC 3261 §25.1: hostname / IPv4address / IPv6reference).</summary>
internal static class SipHost
{
    /// <summary>True for a hostname (labels of letters, digits and inner hyphens, an optional final dot), an IPv4
    /// address, or an IPv6 address in brackets.</summary>
    public static bool IsValid(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return false;
        }
        if (host[0] == '[')
        {
            return host.Length > 2 && host[^1] == ']'
                && IPAddress.TryParse(host[1..^1], out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }
        var labels = host[^1] == '.' ? host[..^1] : host;
        if (labels.IsEmpty)
        {
            return false;
        }
        foreach (var range in labels.Split('.'))
        {
            var label = labels[range];
            if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!Grammar.IsHostChar(c) || c == '.')
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>An IPv4 address or an IPv6 address (with or without brackets), as the Via received parameter carries.</summary>
    public static bool IsAddress(ReadOnlySpan<char> text)
    {
        if (text.Length > 2 && text[0] == '[' && text[^1] == ']')
        {
            text = text[1..^1];
        }
        return text.Length > 0 && (char.IsAsciiDigit(text[0]) || text.Contains(':')) && IPAddress.TryParse(text, out _);
    }

    /// <summary>Reads host [":" port] (a port of at most 5 digits, 0–65535).</summary>
    public static bool TryReadHostPort(ref ValueReader reader, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        string? read;
        if (reader.Peek == '[')
        {
            var reference = reader.ReadUntilAny("]");
            read = reader.TryChar(']') ? string.Concat(reference, "]") : null;
        }
        else
        {
            read = reader.ReadWhile(Grammar.IsHostChar);
        }
        if (read is null || !IsValid(read))
        {
            return false;
        }
        host = read;
        if (reader.TryChar(':'))
        {
            var digits = reader.ReadWhile(Grammar.IsDigit);
            if (digits is null || digits.Length > 5 || !int.TryParse(digits, out var value) || value > 65535)
            {
                return false;
            }
            port = value;
        }
        return true;
    }
}
