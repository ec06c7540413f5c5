using Routing.Sip.Core;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip.Tests.Transport;

/// <summary>A real <see cref="SipServer"/> on 127.0.0.1 with ports the system picks.</summary>
internal static class LoopbackSipServer
{
    public static SipServer Start(Action<SipTransportOptions>? configure = null, SipParserOptions? parser = null, params ISipRequestHandler[] handlers)
    {
        var options = new SipTransportOptions { ListenAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0, TlsPort = 0 };
        configure?.Invoke(options);
        return SipServer.Start(options, parser ?? new SipParserOptions(), new SipTransactionOptions(), new SipCoreOptions(), handlers, TimeProvider.System);
    }

    /// <summary>How long a test waits for an answer that must come.</summary>
    public static CancellationToken Deadline(int seconds = 10) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
