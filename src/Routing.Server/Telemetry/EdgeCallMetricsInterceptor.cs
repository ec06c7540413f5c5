using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Routing.Server.Telemetry;

/// <summary>
/// Feeds <see cref="EdgeCallMetrics"/>. Registered first (outermost), so it sees the status the caller gets: the one
/// <see cref="Edge.RoutingExceptionInterceptor"/> made of a grain's error.
/// </summary>
public sealed class EdgeCallMetricsInterceptor(EdgeCallMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(request, context);
            metrics.Ended(context.Method, context.Status.StatusCode, started);
            return response;
        }
        catch (Exception e)
        {
            metrics.Ended(context.Method, StatusOf(e, context), started);
            throw;
        }
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObservedAsync(context, () => continuation(request, responseStream, context));
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObservedAsync(context, () => continuation(requestStream, responseStream, context));
    }

    /// <summary>A stream, counted when it ends. Streams are few and long (agent sessions, watches), so the closure costs
    /// nothing that matters.</summary>
    private async Task ObservedAsync(ServerCallContext context, Func<Task> stream)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await stream();
            metrics.Ended(context.Method, context.Status.StatusCode, started);
        }
        catch (Exception e)
        {
            metrics.Ended(context.Method, StatusOf(e, context), started);
            throw;
        }
    }

    /// <summary>The status grpc-dotnet answers a handler's exception with: an RpcException's own, CANCELLED for a call its
    /// caller gave up, UNKNOWN for anything else.</summary>
    private static StatusCode StatusOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };
}
