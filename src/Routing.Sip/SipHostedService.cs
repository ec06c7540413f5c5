using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Sip.Core;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip;

/// <summary>Runs the <see cref="SipServer"/> for the host's lifetime, with the method handlers registered in DI.</summary>
public sealed class SipHostedService(
    IOptions<SipTransportOptions> transport,
    IOptions<SipParserOptions> parser,
    IOptions<SipTransactionOptions> transactions,
    IOptions<SipCoreOptions> core,
    IEnumerable<ISipRequestHandler> handlers,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The running stack (null before start and after stop).</summary>
    public SipServer? Server { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Server = SipServer.Start(transport.Value, parser.Value, transactions.Value, core.Value, handlers, time, loggers);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is { } server)
        {
            Server = null;
            await server.DisposeAsync();
        }
    }
}
