using System.Globalization;
using Routing.Sip.Messages;

namespace Routing.Sip.Transport;

/// <summary>How this element names itself to others: the advertised host and the port of each transport it listens
/// on. Its Via sent-by brings responses back to the listening socket (§18.1.1), its URI (a Record-Route) brings
/// in-dialog requests back, and a Route naming it is recognised as its own (§16.4).</summary>
public sealed class SipLocalIdentity(string host, int? udpPort, int? tcpPort, int? tlsPort)
{
    public string Host { get; } = host;

    /// <summary>The listening port of <paramref name="transport"/>; throws when that transport is not enabled.</summary>
    public int PortOf(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => udpPort,
        SipTransportKind.Tcp => tcpPort,
        _ => tlsPort,
    } ?? throw new InvalidOperationException($"{transport} is not enabled");

    /// <summary>Our Via for a request sent over <paramref name="transport"/>, with <paramref name="branch"/>.</summary>
    public string Via(SipTransportKind transport, string branch) =>
        string.Create(CultureInfo.InvariantCulture, $"SIP/2.0/{transport.ToString().ToUpperInvariant()} {Host}:{PortOf(transport)};branch={branch}");

    /// <summary>Our URI for <paramref name="transport"/>: sip:host:port, with transport=tcp or tls when not UDP.</summary>
    public SipUri Uri(SipTransportKind transport)
    {
        var uri = SipUri.Create(transport == SipTransportKind.Tls ? "sips" : "sip", null, Host, PortOf(transport));
        if (transport == SipTransportKind.Tcp)
        {
            uri.Parameters.Set("transport", "tcp");
        }
        return uri;
    }

    /// <summary>True when <paramref name="uri"/> names this element: our host and one of our listening ports (5060 or
    /// 5061 when it has none).</summary>
    public bool IsOurs(SipUri uri)
    {
        if (!uri.IsSip || !string.Equals(uri.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var port = uri.Port ?? (uri.Scheme == "sips" ? SipTargetResolver.DefaultTlsPort : SipTargetResolver.DefaultPort);
        return port == udpPort || port == tcpPort || port == tlsPort;
    }
}
