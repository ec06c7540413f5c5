using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Net.Sockets;
using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Proxy;
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

    /// <summary>The host and ports this element puts in its Via and Record-Route headers.</summary>
    public SipLocalIdentity Identity { get; private set; } = null!;

    /// <summary>The stateful, record-routing proxy core (RFC 3261 §16) the gateway forwards calls with.</summary>
    public SipProxy Proxy { get; private set; } = null!;

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
            server.Identity = new SipLocalIdentity(transport.GetAdvertisedHost(), server.Udp?.LocalEndPoint.Port,
                server.Tcp?.LocalEndPoint.Port, server.Tls?.LocalEndPoint.Port);
            server.Proxy = new SipProxy(server, transactions, time, loggers.CreateLogger<SipProxy>());
            core.Routes = server.Proxy;
            layer.StrayResponses = server.Proxy;
        }
        catch
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return server;
    }

    /// <summary>A flow to <paramref name="target"/> for a request this element sends: over UDP from the listening
    /// socket (so responses come back to it), over TCP on the one connection kept per remote end point (opened when
    /// there is none). Completes synchronously for a UDP target given as an IP literal. Throws
    /// <see cref="SipUnreachableException"/> when the target cannot be reached.</summary>
    public async ValueTask<ISipFlow> GetFlowAsync(SipUri target, CancellationToken cancellation)
    {
        try
        {
            var family = (Udp?.LocalEndPoint ?? Tcp?.LocalEndPoint ?? Tls!.LocalEndPoint).AddressFamily;
            var destination = await SipTargetResolver.ResolveAsync(target, family, Udp is not null, cancellation);
            return destination.Transport switch
            {
                SipTransportKind.Udp => (Udp ?? throw NotEnabled(target)).FlowTo(destination.EndPoint),
                SipTransportKind.Tcp => await (Tcp ?? throw NotEnabled(target)).GetOrConnectAsync(destination.EndPoint, cancellation),
                _ => await (Tls ?? throw NotEnabled(target)).GetOrConnectAsync(destination.EndPoint, cancellation, target.Host.Trim('[', ']')),
            };
        }
        catch (Exception exception) when (exception is SocketException or ArgumentException or IOException
            or System.Security.Authentication.AuthenticationException)
        {
            throw new SipUnreachableException($"{target} cannot be reached: {exception.Message}", exception);
        }
    }

    /// <summary>Sends <paramref name="request"/> to <paramref name="target"/> in a new client transaction, with this
    /// element's Via (a new branch) put on top. The Request-URI is left as it is.</summary>
    public async Task<ClientTransaction> SendRequestAsync(SipRequest request, SipUri target, CancellationToken cancellation)
    {
        var flow = await GetFlowAsync(target, cancellation);
        request.Headers.AddFirst(HeaderNames.Via, Identity.Via(flow.Transport, SipResponses.NewBranch()));
        return Transactions.SendRequest(request, flow);
    }

    private static SipUnreachableException NotEnabled(SipUri target) => new($"{target} needs a transport that is not enabled here");

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
