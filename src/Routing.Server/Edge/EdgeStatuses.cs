using Grpc.Core;
using Routing.Abstractions;

namespace Routing.Server.Edge;

/// <summary>The status a command on a stream answers for what it met: the same code a unary call would fail with,
/// since a stream's command cannot end the stream the way a call's exception ends the call.</summary>
internal static class EdgeStatuses
{
    public static Status ToStatus(Exception exception) => exception switch
    {
        RoutingException routing => RoutingExceptionInterceptor.ToRpcException(routing).Status,
        RpcException rpc => rpc.Status,
        ArgumentException argument => new Status(StatusCode.InvalidArgument, argument.Message),
        _ when TransientClusterFault.Matches(exception) => TransientClusterFault.ToRpcException().Status,
        // Commands carry no cancellation of their own: Orleans gave up a call on its way (a directory lookup during a
        // silo's recovery), and the app's repeat succeeds.
        OperationCanceledException => TransientClusterFault.ToRpcException().Status,
        _ => new Status(StatusCode.Internal, "the command failed on the server; try again"),
    };

    /// <summary>The canonical name, e.g. FAILED_PRECONDITION.</summary>
    public static string ToName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => code.ToString().ToUpperInvariant(),
    };
}
