using System.Buffers.Text;

namespace Routing.Sip.Transport;

/// <summary>Finds where one message ends in a TCP or TLS byte stream (RFC 3261 §18.3): after the empty line that ends
/// the headers, plus Content-Length bytes. It reads only the Content-Length header, so framing costs one scan; the
/// parser checks the rest. Anything that makes the boundary unknowable is <see cref="FrameStatus.Invalid"/>, and the
/// connection cannot be trusted past it.</summary>
internal static class StreamFramer
{
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    /// <param name="buffer">The bytes received and not yet consumed.</param>
    /// <param name="maxMessageSize">The largest message accepted.</param>
    /// <param name="skip">Leading CRLFs to drop before the message (keep-alives, RFC 5626 §3.5.1).</param>
    /// <param name="length">The message's length after <paramref name="skip"/>, when complete.</param>
    /// <param name="headerLength">The header section's length (with its empty line), when found.</param>
    public static FrameStatus TryFrame(ReadOnlySpan<byte> buffer, int maxMessageSize, out int skip, out int length, out int headerLength)
    {
        skip = 0;
        length = 0;
        headerLength = 0;
        while (buffer.Length - skip >= 2 && buffer[skip] == '\r' && buffer[skip + 1] == '\n')
        {
            skip += 2;
        }
        var message = buffer[skip..];
        if (message.IsEmpty || (message.Length == 1 && message[0] == '\r'))
        {
            return FrameStatus.Incomplete;
        }
        var end = message[..Math.Min(message.Length, maxMessageSize)].IndexOf(HeaderEnd);
        if (end < 0)
        {
            return message.Length >= maxMessageSize ? FrameStatus.Invalid : FrameStatus.Incomplete;
        }
        headerLength = end + 4;
        var contentLength = ContentLength(message[..(end + 2)]);
        if (contentLength is null || headerLength + (long)contentLength > maxMessageSize)
        {
            return FrameStatus.Invalid;
        }
        length = headerLength + contentLength.Value;
        return message.Length >= length ? FrameStatus.Complete : FrameStatus.Incomplete;
    }

    /// <summary>The single Content-Length (or <c>l</c>) value; null when it is missing, malformed or given twice with
    /// different values.</summary>
    private static int? ContentLength(ReadOnlySpan<byte> headers)
    {
        int? found = null;
        while (!headers.IsEmpty)
        {
            var lineEnd = headers.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? headers : headers[..lineEnd];
            headers = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : headers[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line[..colon].TrimEnd(" \t"u8);
            if (!name.SequenceEqual("l"u8) && !name.SequenceEqual("L"u8) && !System.Text.Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                continue;
            }
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.IsEmpty || value.Length > 9 || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0
                || !Utf8Parser.TryParse(value, out int parsed, out var consumed) || consumed != value.Length
                || (found is { } earlier && earlier != parsed))
            {
                return null;
            }
            found = parsed;
        }
        return found;
    }
}

internal enum FrameStatus
{
    Incomplete,
    Complete,
    Invalid,
}
