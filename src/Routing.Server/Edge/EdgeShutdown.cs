using Grpc.Core;

namespace Routing.Server.Edge;

/// <summary>
/// Ends long-lived streams when the server begins a graceful stop (SIGTERM), instead of letting the host
/// wait out its shutdown timeout for them. A stream ended this way fails with UNAVAILABLE, so clients
/// reconnect to another silo's edge and resume (agent sessions, watches).
/// </summary>
public sealed class EdgeShutdown(IHostApplicationLifetime lifetime)
{
    private const string Message = "this server is shutting down; reconnect to another";

    /// <summary>Runs a stream with a token cancelled when the call ends or the server begins to stop; a
    /// stream the stop ended fails with UNAVAILABLE.</summary>
    public async Task RunAsync(ServerCallContext context, Func<CancellationToken, Task> stream)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stream);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await stream(linked.Token);
        }
        catch (OperationCanceledException) when (StoppedIt(context))
        {
            // Answered below, as a stream that ended normally because of the stop is.
        }
        if (StoppedIt(context))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, Message));
        }
    }

    private bool StoppedIt(ServerCallContext context) =>
        lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested;
}
