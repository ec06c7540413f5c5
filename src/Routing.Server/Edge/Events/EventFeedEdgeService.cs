using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.History.Feed;

namespace Routing.Server.Edge.Events;

/// <summary>events.proto: the tenant's event feed, for admins, supervisors and integrations (a CRM connector), always of
/// the caller's own tenant. Input is checked before anything is read.</summary>
[Authorize]
public sealed class EventFeedEdgeService(IEventFeed feed, FeedStoreAccess access, EdgeShutdown shutdown, IOptions<EventFeedOptions> options)
    : EventFeedService.EventFeedServiceBase
{
    public override async Task Subscribe(SubscribeEventsRequest request, IServerStreamWriter<Contracts.V1.FeedEvent> responseStream, ServerCallContext context)
    {
        var caller = Caller(context);
        if (request.FromPosition < 0)
        {
            throw EdgeRequests.InvalidArgument($"from_position {request.FromPosition} is negative: give 0 for the whole feed, or the last position received");
        }
        var filter = TypeFilter(request.TypePatterns);
        var latest = await access.RunAsync(caller, () => feed.LatestPositionAsync(caller.TenantId, context.CancellationToken));
        if (request.FromPosition > latest)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange,
                $"from_position {request.FromPosition} is beyond the latest position {latest} of tenant '{caller.TenantId}': resume from a position this feed sent"));
        }
        // A graceful stop ends the stream with UNAVAILABLE: the client resumes from its last position on another silo.
        await shutdown.RunAsync(context, async token =>
        {
            try
            {
                await foreach (var stored in feed.FollowAsync(caller.TenantId, request.FromPosition, filter, options.Value.PollInterval, token))
                {
                    await responseStream.WriteAsync(stored.ToProto(), token);
                }
            }
            catch (Exception exception) when (FeedStoreAccess.IsStoreFault(exception))
            {
                throw access.Unavailable(caller, exception);
            }
        });
    }

    public override async Task<FeedPosition> GetPosition(GetFeedPositionRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        return new FeedPosition { Position = await access.RunAsync(caller, () => feed.LatestPositionAsync(caller.TenantId, context.CancellationToken)) };
    }

    /// <summary>The filter of <paramref name="patterns"/>, or INVALID_ARGUMENT saying what is wrong with them.</summary>
    public static FeedTypeFilter TypeFilter(IEnumerable<string> patterns) =>
        FeedTypeFilter.TryCreate(patterns, out var filter, out var problem) ? filter : throw EdgeRequests.InvalidArgument($"type_patterns: {problem}");

    private EdgeCaller Caller(ServerCallContext context) => access.Caller(context, EdgeRoles.Admin, EdgeRoles.Supervisor, EdgeRoles.Integration);
}
