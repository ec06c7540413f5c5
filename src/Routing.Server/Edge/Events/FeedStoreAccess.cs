using System.Data.Common;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Routing.History;
using Routing.History.Storage;

namespace Routing.Server.Edge.Events;

/// <summary>What the feed and webhook services share: both need the history store (FAILED_PRECONDITION when this server
/// keeps none), and a store that cannot be reached is UNAVAILABLE, logged once.</summary>
public sealed class FeedStoreAccess(IOptions<HistoryOptions> history, ILogger<FeedStoreAccess> logger)
{
    /// <summary>The caller, once it has one of <paramref name="roles"/> and the server keeps history.</summary>
    public EdgeCaller Caller(ServerCallContext context, params string[] roles)
    {
        var caller = EdgeCaller.From(context).Require(roles);
        return history.Value.Enabled ? caller
            : throw new RpcException(new Status(StatusCode.FailedPrecondition,
                "the event feed and webhooks are kept with the history, which this server has disabled (History:Enabled=false)"));
    }

    /// <summary>Runs a store call; a database fault becomes UNAVAILABLE.</summary>
    public async Task<T> RunAsync<T>(EdgeCaller caller, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception exception) when (IsStoreFault(exception))
        {
            throw Unavailable(caller, exception);
        }
    }

    public static bool IsStoreFault(Exception exception) => exception is DbException or HistoryMigrationException or TimeoutException;

    public RpcException Unavailable(EdgeCaller caller, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(caller);
        EventFeedEdgeLog.FeedUnreadable(logger, caller.TenantId, exception);
        return new RpcException(new Status(StatusCode.Unavailable, "the history store cannot be reached now; try again later (a feed: from the last position received)"));
    }
}
