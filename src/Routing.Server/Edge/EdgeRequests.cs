using Grpc.Core;
using Routing.Core;

namespace Routing.Server.Edge;

/// <summary>Input checks shared by the edge services: a refused request says what to fix.</summary>
public static class EdgeRequests
{
    /// <summary>Throws InvalidArgument unless <paramref name="id"/> is a valid id.</summary>
    public static string RequireId(string kind, string? id)
    {
        if (EntityId.Problem(kind, id) is { } problem)
        {
            throw InvalidArgument($"{problem}");
        }
        return id!;
    }

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException PermissionDenied(string message) => new(new Status(StatusCode.PermissionDenied, message));
}
