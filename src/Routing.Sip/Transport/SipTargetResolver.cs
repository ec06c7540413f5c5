using System.Net;
using System.Net.Sockets;
using Routing.Sip.Messages;

namespace Routing.Sip.Transport;

/// <summary>Turns a SIP URI into a <see cref="SipTarget"/> the way RFC 3263 §4 does when it skips NAPTR and SRV: the
/// transport from the <c>transport</c> parameter (TLS for a sips URI), the port given or 5060 (5061 for TLS), the host
/// as an IP literal or through DNS A/AAAA records. NAPTR and SRV lookups are not made: the gateway's targets are the
/// contacts phones registered, which name an address and a port.</summary>
public static class SipTargetResolver
{
    public const int DefaultPort = 5060;

    public const int DefaultTlsPort = 5061;

    /// <summary>Resolves <paramref name="uri"/>; without a transport parameter, UDP unless <paramref name="udpAvailable"/>
    /// is false (then TCP). Completes synchronously for an IP literal. Throws <see cref="ArgumentException"/> for a URI
    /// that is not sip/sips or names an unknown transport, and <see cref="SocketException"/> when the name does not
    /// resolve to an address of <paramref name="family"/>.</summary>
    public static async ValueTask<SipTarget> ResolveAsync(SipUri uri, AddressFamily family, bool udpAvailable, CancellationToken cancellation)
    {
        var transport = TransportOf(uri, udpAvailable);
        var port = uri.Port ?? (transport == SipTransportKind.Tls ? DefaultTlsPort : DefaultPort);
        var host = uri.Host.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return new SipTarget(transport, new IPEndPoint(literal, port));
        }
        var addresses = await Dns.GetHostAddressesAsync(host, cancellation);
        // The socket we send from has one address family; an address of the other is unreachable from it.
        var address = addresses.FirstOrDefault(a => a.AddressFamily == family)
            ?? throw new SocketException((int)SocketError.HostNotFound, $"{host} has no {family} address");
        return new SipTarget(transport, new IPEndPoint(address, port));
    }

    private static SipTransportKind TransportOf(SipUri uri, bool udpAvailable)
    {
        if (!uri.IsSip)
        {
            throw new ArgumentException($"'{uri}' is not a sip or sips URI", nameof(uri));
        }
        if (uri.Scheme == "sips")
        {
            return SipTransportKind.Tls;
        }
        return uri.Transport switch
        {
            null => udpAvailable ? SipTransportKind.Udp : SipTransportKind.Tcp,
            "udp" => SipTransportKind.Udp,
            "tcp" => SipTransportKind.Tcp,
            "tls" => SipTransportKind.Tls,
            var other => throw new ArgumentException($"'{uri}' names transport '{other}', which this stack does not send on", nameof(uri)),
        };
    }
}
