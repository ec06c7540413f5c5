using Microsoft.Extensions.Options;

namespace Routing.Server.Shutdown;

/// <summary>
/// Holds the stop for <see cref="ShutdownOptions.DrainDelay"/> before any hosted service stops, with ApplicationStopping
/// signalled (readiness NOT_SERVING, agent streams ended), while the edge still answers the calls that arrive until load
/// balancers have moved away. A lifecycle hook, so it runs before the web server's StopAsync.
/// </summary>
internal sealed partial class DrainDelay(IOptions<ShutdownOptions> options, IHostApplicationLifetime lifetime, ILogger<DrainDelay> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // SIGTERM has signalled it already; a stop asked in code (StopAsync) signals it only after the lifecycle hooks.
        lifetime.StopApplication();
        var delay = options.Value.DrainDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        Draining(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, EventName = "Draining", Level = LogLevel.Information,
        Message = "Stopping: readiness is NOT_SERVING; the edge keeps answering for {Seconds} s before it stops taking connections")]
    private static partial void Draining(ILogger logger, double seconds);
}
