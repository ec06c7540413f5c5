using Grpc.Core;

namespace Routing.Server.Edge;

/// <summary>
/// Failures that mean "the cluster is changing, try again": a silo died or left while the call was on its
/// way (until membership declares it dead, calls to its grains fail), the grain store is unreachable for a
/// moment (Redis restarting), or a grain call timed out. They are
/// answered UNAVAILABLE, which clients retry; every edge call is safe to repeat (creates carry the
/// caller's id, commands check the current state).
/// </summary>
internal static class TransientClusterFault
{
    public const string Message = "the routing cluster is recovering from a lost silo or did not answer in time; try again";

    public static bool Matches(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A Redis outage (grain state or membership) is as passing as a lost silo.
            if (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ClientNotAvailableException
                or StackExchange.Redis.RedisException or Orleans.Persistence.Redis.RedisStorageException or Orleans.Reminders.Redis.RedisRemindersException
                or Azure.RequestFailedException { Status: 0 or >= 500 })
            {
                return true;
            }
        }
        return false;
    }

    public static RpcException ToRpcException() => new(new Status(StatusCode.Unavailable, Message));
}
