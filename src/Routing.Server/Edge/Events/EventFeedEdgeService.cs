using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.History;
using Routing.History.Feed;
using Routing.History.Storage;

namespace Routing.Server.Edge.Events;

/// <summary>events.proto: the tenant's event feed, for admins, supervisors and integrations (a CRM connector), always of
/// the caller's own tenant. Input is checked before anything is read.</summary>
[Authorize]
public sealed class EventFeedEdgeService(IEventFeed feed, IOptions<HistoryOptions> history, IOptions<EventFeedOptions> options, ILogger<EventFeedEdgeService> logger)
    : EventFeedService.EventFeedServiceBase
{
    public override async Task Subscribe(SubscribeEventsRequest request, IServerStreamWriter<Contracts.V1.FeedEvent> responseStream, ServerCallContext context)
    {
        var caller = Caller(context);
        if (request.FromPosition < 0)
        {
            throw EdgeRequests.InvalidArgument($"from_position {request.FromPosition} is negative: give 0 for the whole feed, or the last position received");
        }
        if (!FeedTypeFilter.TryCreate(request.TypePatterns, out var filter, out var problem))
        {
            throw EdgeRequests.InvalidArgument(problem!);
        }
        var latest = await ReadAsync(caller, () => feed.LatestPositionAsync(caller.TenantId, context.CancellationToken));
        if (request.FromPosition > latest)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange,
                $"from_position {request.FromPosition} is beyond the latest position {latest} of tenant '{caller.TenantId}': resume from a position this feed sent"));
        }
        try
        {
            await foreach (var stored in feed.FollowAsync(caller.TenantId, request.FromPosition, filter, options.Value.PollInterval, context.CancellationToken))
            {
                await responseStream.WriteAsync(stored.ToProto(), context.CancellationToken);
            }
        }
        catch (Exception exception) when (IsStoreFault(exception))
        {
            throw Unavailable(caller, exception);
        }
    }

    public override async Task<FeedPosition> GetPosition(GetFeedPositionRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        return new FeedPosition { Position = await ReadAsync(caller, () => feed.LatestPositionAsync(caller.TenantId, context.CancellationToken)) };
    }

    private async Task<T> ReadAsync<T>(EdgeCaller caller, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (IsStoreFault(exception))
        {
            throw Unavailable(caller, exception);
        }
    }

    private static bool IsStoreFault(Exception exception) => exception is DbException or HistoryMigrationException or TimeoutException;

    private RpcException Unavailable(EdgeCaller caller, Exception exception)
    {
        EventFeedEdgeLog.FeedUnreadable(logger, caller.TenantId, exception);
        return new RpcException(new Status(StatusCode.Unavailable, "the event feed cannot be read now; subscribe again from the last position received"));
    }

    private EdgeCaller Caller(ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Admin, EdgeRoles.Supervisor, EdgeRoles.Integration);
        return history.Value.Enabled ? caller
            : throw new RpcException(new Status(StatusCode.FailedPrecondition, "the event feed is kept with the history, which this server has disabled (History:Enabled=false)"));
    }
}
