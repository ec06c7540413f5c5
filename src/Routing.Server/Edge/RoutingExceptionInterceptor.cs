using Grpc.Core;
using Grpc.Core.Interceptors;
using Routing.Abstractions;

namespace Routing.Server.Edge;

/// <summary>
/// Turns a <see cref="RoutingException"/> from the grains into the gRPC status its
/// <see cref="RoutingError"/> stands for, with the grains' message (written for people), and a lost silo
/// or timed-out grain call into UNAVAILABLE (see <see cref="TransientClusterFault"/>). Registered for every service.
/// </summary>
public sealed class RoutingExceptionInterceptor(IHostApplicationLifetime lifetime) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (RoutingException e)
        {
            throw ToRpcException(e);
        }
        catch (Exception e) when (WorthRepeating(e, context))
        {
            throw TransientClusterFault.ToRpcException();
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RoutingException e)
        {
            throw ToRpcException(e);
        }
        catch (Exception e) when (WorthRepeating(e, context))
        {
            throw TransientClusterFault.ToRpcException();
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (RoutingException e)
        {
            throw ToRpcException(e);
        }
        catch (Exception e) when (WorthRepeating(e, context))
        {
            throw TransientClusterFault.ToRpcException();
        }
    }

    /// <summary>Answered UNAVAILABLE, which clients repeat: a passing cluster fault, this server stopping, or a cancellation
    /// the caller did not ask for.</summary>
    private bool WorthRepeating(Exception exception, ServerCallContext context) =>
        TransientClusterFault.Matches(exception) || Stopping(exception) || CancelledByCluster(exception, context);

    /// <summary>Once this server is stopping, whatever fails (its silo is leaving the cluster) is worth
    /// retrying on another server; answers already decided (RpcException) stand.</summary>
    private bool Stopping(Exception exception) =>
        lifetime.ApplicationStopping.IsCancellationRequested && exception is not RpcException;

    /// <summary>Cancelled while the caller was still waiting: Orleans gave up a call on its way (a directory lookup
    /// during a silo's recovery), not the caller; a repeat succeeds.</summary>
    private static bool CancelledByCluster(Exception exception, ServerCallContext context) =>
        exception is OperationCanceledException && !context.CancellationToken.IsCancellationRequested;

    /// <summary>The status for <paramref name="exception"/>.</summary>
    public static RpcException ToRpcException(RoutingException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = exception.Error switch
        {
            RoutingError.InvalidArgument => StatusCode.InvalidArgument,
            RoutingError.NotFound => StatusCode.NotFound,
            RoutingError.FailedPrecondition => StatusCode.FailedPrecondition,
            RoutingError.AlreadyExists => StatusCode.AlreadyExists,
            RoutingError.ResourceExhausted => StatusCode.ResourceExhausted,
            _ => StatusCode.Unknown,
        };
        return new RpcException(new Status(code, exception.Message));
    }
}
