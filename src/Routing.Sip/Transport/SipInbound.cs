using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;

namespace Routing.Sip.Transport;

/// <summary>What every transport does with received bytes: parse; answer a refused request when an answer can be
/// formed (400/505/513) or drop it, with one log line; stamp a request's top Via with received and rport (RFC 3261
/// §18.2.1, RFC 3581); hand the message on. Nothing received can throw out of here.</summary>
internal sealed class SipInbound(SipParser parser, ISipMessageSink sink, ILogger logger)
{
    public void Receive(ReadOnlySpan<byte> bytes, SipFraming framing, ISipFlow flow)
    {
        try
        {
            var result = parser.Parse(bytes, framing);
            if (!result.IsSuccess)
            {
                Refuse(result.Error, flow);
                return;
            }
            if (result.Message is SipRequest request)
            {
                if (flow is UdpFlow udp)
                {
                    udp.RemoteEndPoint = ResponseTarget(request.Headers, udp.Source);
                }
                StampVia(request, flow is UdpFlow source ? source.Source : flow.RemoteEndPoint);
            }
            sink.OnMessage(result.Message, flow);
        }
        catch (Exception exception)
        {
            SipTransportLog.ProcessingFailed(logger, flow.Transport, flow.RemoteEndPoint, exception);
        }
    }

    /// <summary>Answers (or drops) a refused message; true when an answer was sent.</summary>
    public bool Refuse(SipParseError error, ISipFlow flow)
    {
        if (error.ResponseHeaders is not { } headers)
        {
            SipTransportLog.MalformedDropped(logger, flow.Transport, flow.RemoteEndPoint, error.Reason);
            return false;
        }
        if (flow is UdpFlow udp)
        {
            udp.RemoteEndPoint = ResponseTarget(headers, udp.Source);
        }
        SipTransportLog.MalformedAnswered(logger, flow.Transport, flow.RemoteEndPoint, error.StatusCode, error.Reason);
        flow.Send(SipSerializer.Serialize(SipResponses.FromParseError(error)));
        return true;
    }

    /// <summary>§18.2.1: received when the sent-by host is not the source address; RFC 3581: rport gets the source port.</summary>
    private static void StampVia(SipRequest request, IPEndPoint source)
    {
        var first = request.Headers.GetAll(HeaderNames.Via).FirstOrDefault();
        var values = first is null ? [] : HeaderValueSplitter.Split(first.Value);
        if (values.Count == 0 || !ViaHeader.TryParse(values[0], out var via))
        {
            return;
        }
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        var changed = false;
        if (!IPAddress.TryParse(via.Host.Trim('[', ']'), out var sentBy) || !sentBy.Equals(address))
        {
            via.Parameters.Set("received", address.ToString());
            changed = true;
        }
        if (via.HasRport)
        {
            via.Parameters.Set("rport", source.Port.ToString(CultureInfo.InvariantCulture));
            changed = true;
        }
        if (changed)
        {
            values[0] = via.ToString();
            request.Headers.ReplaceFirst(HeaderNames.Via, string.Join(", ", values));
        }
    }

    /// <summary>Where UDP responses to a request go (§18.2.2 with RFC 3581): the source address, and the source port
    /// when rport was asked for, else the sent-by port (5060 when none). The top Via is read leniently so a malformed
    /// request can still be answered.</summary>
    private static IPEndPoint ResponseTarget(SipHeaders headers, IPEndPoint source)
    {
        var vias = headers.Values(HeaderNames.Via);
        if (vias.Count == 0)
        {
            return source;
        }
        if (ViaHeader.TryParse(vias[0], out var via))
        {
            return via.HasRport ? source : new IPEndPoint(source.Address, via.Port ?? 5060);
        }
        return ViaHeader.TryParseSentBy(vias[0], out var sentBy) ? new IPEndPoint(source.Address, sentBy.Port ?? 5060) : source;
    }
}
