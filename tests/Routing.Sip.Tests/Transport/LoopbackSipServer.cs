using System.Net;
using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip.Tests.Transport;

/// <summary>A real <see cref="SipServer"/> on 127.0.0.1 with ports the system picks.</summary>
internal static class LoopbackSipServer
{
    public static SipServer Start(Action<SipTransportOptions>? configure = null, SipParserOptions? parser = null, params ISipRequestHandler[] handlers) =>
        Start(TimeProvider.System, configure, parser, handlers);

    /// <summary>The same, with its timers on <paramref name="time"/> (a fake clock the test advances).</summary>
    public static SipServer Start(TimeProvider time, Action<SipTransportOptions>? configure = null, SipParserOptions? parser = null,
        params ISipRequestHandler[] handlers)
    {
        var options = new SipTransportOptions { ListenAddress = "127.0.0.1", UdpPort = 0, TcpPort = 0, TlsPort = 0 };
        configure?.Invoke(options);
        return SipServer.Start(options, parser ?? new SipParserOptions(), new SipTransactionOptions(), new SipCoreOptions(), handlers, time);
    }

    /// <summary>How long a test waits for an answer that must come.</summary>
    public static CancellationToken Deadline(int seconds = 10) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>An OPTIONS this server sends to <paramref name="target"/> as a UAC, with a new branch, tag and Call-ID.</summary>
    public static SipRequest OutgoingOptions(string transport, IPEndPoint local, IPEndPoint target)
    {
        var options = new SipRequest(SipMethods.Options, SipUri.Parse($"sip:probe@127.0.0.1:{target.Port};transport={transport.ToLowerInvariant()}"));
        options.Headers.Add(HeaderNames.Via, $"SIP/2.0/{transport} 127.0.0.1:{local.Port};branch={SipResponses.NewBranch()}");
        options.Headers.Add(HeaderNames.MaxForwards, "70");
        options.Headers.Add(HeaderNames.From, $"<sip:gateway@127.0.0.1>;tag={SipResponses.NewTag()}");
        options.Headers.Add(HeaderNames.To, "<sip:probe@127.0.0.1>");
        options.Headers.Add(HeaderNames.CallId, $"{SipResponses.NewTag()}@127.0.0.1");
        options.Headers.Add(HeaderNames.CSeq, "1 OPTIONS");
        return options;
    }
}
