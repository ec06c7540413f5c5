using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Server.Cluster;

namespace Routing.Server;

/// <summary>Turns a failed start into one clear log line instead of an unhandled-exception dump.</summary>
internal static class StartupFailure
{
    /// <summary>Logs why start-up failed. Always true, so it can serve as an exception filter.</summary>
    public static bool Report(ILogger logger, Exception exception)
    {
        switch (Unwrap(exception))
        {
            case [OptionsValidationException _, ..] failures when failures.All(f => f is OptionsValidationException):
                var problems = failures.Cast<OptionsValidationException>().SelectMany(f => f.Failures);
                ServerLog.InvalidSettings(logger, string.Join("; ", problems));
                break;
            case [StartupCheckException check]:
                ServerLog.StartCheckFailed(logger, check.Message);
                break;
            case [IOException { InnerException: AddressInUseException } bind]:
                // The edge's port was taken after PortCheck found it free.
                ServerLog.StartCheckFailed(logger, $"{bind.Message} (Kestrel:Endpoints:<name>:Url sets the port)");
                break;
            case [RoutingException]:
                // CentreLoader has logged the grains' reason with the tenant and file.
                ServerLog.CentreRefused(logger);
                break;
            default:
                ServerLog.StartFailed(logger, exception);
                break;
        }
        return true;
    }

    public static async Task StopQuietly(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or AggregateException)
        {
            // Already failing; the first error is the one reported.
        }
    }

    /// <summary>The host wraps several start-up validation failures in one AggregateException.</summary>
    private static Exception[] Unwrap(Exception exception) =>
        exception is AggregateException aggregate ? [.. aggregate.Flatten().InnerExceptions] : [exception];
}
