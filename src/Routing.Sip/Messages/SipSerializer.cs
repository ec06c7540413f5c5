using System.Buffers;
using System.Globalization;
using System.Text;

namespace Routing.Sip.Messages;

/// <summary>Writes a message in canonical wire form: the start-line, each header on its own line under its canonical
/// full name in the order held, then a Content-Length computed from the body (so it is always right, and always
/// present for stream transports), the empty line, and the body.</summary>
public static class SipSerializer
{
    public static byte[] Serialize(SipMessage message)
    {
        var writer = new ArrayBufferWriter<byte>(512 + message.Body.Length);
        Write(message, writer);
        return writer.WrittenSpan.ToArray();
    }

    public static void Write(SipMessage message, IBufferWriter<byte> writer)
    {
        var builder = new StringBuilder(512);
        switch (message)
        {
            case SipRequest request:
                builder.Append(request.Method).Append(' ').Append(request.RequestUri).Append(' ').Append(SipMessage.Version);
                break;
            case SipResponse response:
                builder.Append(SipMessage.Version).Append(' ').Append(response.StatusCode.ToString(CultureInfo.InvariantCulture))
                    .Append(' ').Append(response.ReasonPhrase);
                break;
        }
        builder.Append("\r\n");
        foreach (var header in message.Headers)
        {
            if (header.Name != HeaderNames.ContentLength)
            {
                builder.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
            }
        }
        builder.Append(HeaderNames.ContentLength).Append(": ").Append(message.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        foreach (var chunk in builder.GetChunks())
        {
            var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            writer.Advance(Encoding.UTF8.GetBytes(chunk.Span, span));
        }
        writer.Write(message.Body.Span);
    }
}
