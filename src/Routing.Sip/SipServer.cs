using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Sip.Core;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip;

/// <summary>The SIP stack assembled: the transports that are enabled, the parser they share, the transaction layer and
/// the UAS core with the method handlers given. Written to RFC 3261 in this repository, because no .NET SIP library is
/// served by the package mirror (see the project README).</summary>
public sealed class SipServer : IAsyncDisposable
{
    private SipServer(SipTransactionLayer transactions, SipCore core)
    {
        Transactions = transactions;
        Core = core;
    }

    public SipTransactionLayer Transactions { get; }

    public SipCore Core { get; }

    public UdpTransport? Udp { get; private set; }

    public TcpTransport? Tcp { get; private set; }

    public TcpTransport? Tls { get; private set; }

    /// <summary>Binds the enabled transports and starts receiving. Options are expected to be validated already.</summary>
    public static SipServer Start(SipTransportOptions transport, SipParserOptions parser, SipTransactionOptions transactions,
        SipCoreOptions coreOptions, IEnumerable<ISipRequestHandler> handlers, TimeProvider time, ILoggerFactory? loggers = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        var core = new SipCore(coreOptions, handlers, loggers.CreateLogger<SipCore>());
        var layer = new SipTransactionLayer(transactions, time, core, loggers.CreateLogger<SipTransactionLayer>());
        var server = new SipServer(layer, core);
        var logger = loggers.CreateLogger<SipServer>();
        var inbound = new SipInbound(new SipParser(parser), layer, logger);
        var address = transport.GetListenAddress();
        try
        {
            if (transport.UdpEnabled)
            {
                server.Udp = new UdpTransport(new IPEndPoint(address, transport.UdpPort), inbound, logger);
                server.Udp.Start();
            }
            if (transport.TcpEnabled)
            {
                server.Tcp = new TcpTransport(new IPEndPoint(address, transport.TcpPort), null, transport, parser, inbound, logger);
                server.Tcp.Start();
            }
            if (transport.TlsEnabled)
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(transport.TlsCertificatePath!, transport.TlsCertificatePassword);
                server.Tls = new TcpTransport(new IPEndPoint(address, transport.TlsPort), certificate, transport, parser, inbound, logger);
                server.Tls.Start();
            }
        }
        catch
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Udp is not null)
        {
            await Udp.DisposeAsync();
        }
        if (Tcp is not null)
        {
            await Tcp.DisposeAsync();
        }
        if (Tls is not null)
        {
            await Tls.DisposeAsync();
        }
    }
}
