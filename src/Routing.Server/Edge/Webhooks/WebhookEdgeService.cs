using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Abstractions.Webhooks;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Grains.Webhooks;
using Routing.History.Feed;
using Routing.History.Webhooks;
using Routing.Server.Edge.Events;

namespace Routing.Server.Edge.Webhooks;

/// <summary>webhooks.proto: a tenant's webhook subscriptions, for its admins. Input is checked before anything is stored.</summary>
[Authorize]
public sealed class WebhookEdgeService(IWebhookStore store, IEventFeed feed, IGrainFactory grains, FeedStoreAccess access, IOptions<WebhookOptions> options,
    TimeProvider clock) : WebhookService.WebhookServiceBase
{
    public override async Task<Webhook> CreateWebhook(CreateWebhookRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var target = WebhookTarget.Parse(request.TargetUrl);
        var secret = request.Secret.Length == 0 ? WebhookSignature.NewSecret()
            : WebhookSignature.KeyOf(request.Secret) is not null ? request.Secret
            : throw EdgeRequests.InvalidArgument(
                $"secret must be {WebhookSignature.SecretPrefix} and {WebhookSignature.MinKeyBytes}–{WebhookSignature.MaxKeyBytes} random bytes in base64; leave it empty to have one made");
        var filter = EventFeedEdgeService.TypeFilter(request.TypePatterns);
        if (request.HasFromPosition && request.FromPosition < 0)
        {
            throw EdgeRequests.InvalidArgument($"from_position {request.FromPosition} is negative");
        }
        var token = context.CancellationToken;
        var latest = await access.RunAsync(caller, () => feed.LatestPositionAsync(caller.TenantId, token));
        if (request.HasFromPosition && request.FromPosition > latest)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange, $"from_position {request.FromPosition} is beyond the latest position {latest}"));
        }
        var existing = await access.RunAsync(caller, () => store.ListAsync(caller.TenantId, token));
        if (existing.Count >= options.Value.MaxSubscriptionsPerTenant)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"tenant '{caller.TenantId}' has {existing.Count} webhooks, the most allowed (Routing:Webhooks:MaxSubscriptionsPerTenant); delete one first"));
        }
        var subscription = new WebhookSubscription(caller.TenantId, $"wh_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}", target, secret,
            filter.Patterns, clock.GetUtcNow(), request.HasFromPosition ? request.FromPosition : latest);
        await access.RunAsync(caller, () => store.CreateAsync(subscription, token));
        await Pump(subscription.TenantId, subscription.SubscriptionId).Start();
        return subscription.ToProto(withSecret: true);
    }

    public override async Task<ListWebhooksResponse> ListWebhooks(ListWebhooksRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var subscriptions = await access.RunAsync(caller, () => store.ListAsync(caller.TenantId, context.CancellationToken));
        return new ListWebhooksResponse { Webhooks = { subscriptions.Select(subscription => subscription.ToProto()) } };
    }

    public override async Task<DeleteWebhookResponse> DeleteWebhook(DeleteWebhookRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var id = EdgeRequests.RequireId("webhook", request.WebhookId);
        if (!await access.RunAsync(caller, () => store.DeleteAsync(caller.TenantId, id, context.CancellationToken)))
        {
            throw NotFound(caller, id);
        }
        await Pump(caller.TenantId, id).Stop();
        return new DeleteWebhookResponse();
    }

    public override async Task<ListDeadLettersResponse> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        var (caller, id) = await ExistingAsync(request.WebhookId, context);
        var deadLetters = await access.RunAsync(caller, () => store.ListDeadLettersAsync(caller.TenantId, id, context.CancellationToken));
        return new ListDeadLettersResponse { DeadLetters = { deadLetters.Select(deadLetter => deadLetter.ToProto()) } };
    }

    public override async Task<ReplayDeadLettersResponse> ReplayDeadLetters(ReplayDeadLettersRequest request, ServerCallContext context)
    {
        var (caller, id) = await ExistingAsync(request.WebhookId, context);
        return new ReplayDeadLettersResponse { Replaying = await Pump(caller.TenantId, id).ReplayDeadLetters() };
    }

    /// <summary>The caller and a subscription id of its tenant, or INVALID_ARGUMENT / NOT_FOUND.</summary>
    private async Task<(EdgeCaller Caller, string Id)> ExistingAsync(string webhookId, ServerCallContext context)
    {
        var caller = Caller(context);
        var id = EdgeRequests.RequireId("webhook", webhookId);
        return await access.RunAsync(caller, () => store.FindAsync(caller.TenantId, id, context.CancellationToken)) is null ? throw NotFound(caller, id) : (caller, id);
    }

    private IWebhookDeliveryGrain Pump(string tenantId, string id) => grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.Compose(tenantId, id));

    private static RpcException NotFound(EdgeCaller caller, string id) => EdgeRequests.NotFound($"tenant '{caller.TenantId}' has no webhook '{id}'");

    private EdgeCaller Caller(ServerCallContext context) => access.Caller(context, EdgeRoles.Admin);
}
