using Microsoft.Extensions.Options;

namespace Routing.Server.Edge;

/// <summary>Logs at start-up what an operator must not miss about the edge's security settings.</summary>
internal sealed class EdgeStartupWarnings(IOptions<EdgeAuthOptions> options, ILogger<EdgeStartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.SigningKey))
        {
            EdgeLog.DevelopmentSigningKey(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
