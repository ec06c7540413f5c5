using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge.Mapping;
using InteractionEvent = Routing.Contracts.V1.InteractionEvent;
using InteractionSnapshot = Routing.Contracts.V1.InteractionSnapshot;

namespace Routing.Server.Edge.Interactions;

/// <summary>interaction.proto: gateways and connectors create, read, hang up and watch interactions.</summary>
[Authorize]
public sealed class InteractionEdgeService(IGrainFactory grainFactory, EdgeShutdown shutdown, ILogger<InteractionEdgeService> logger)
    : InteractionService.InteractionServiceBase
{
    /// <summary>How often a Watch renews its observer subscription (the grain forgets it after 10 minutes)
    /// and re-reads the snapshot, so an event lost on the way is still delivered.</summary>
    internal static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    public override async Task<InteractionSnapshot> Create(CreateInteractionRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var (interactionId, spec) = await InteractionCreation.CheckAsync(grainFactory, caller.TenantId, request);
        context.CancellationToken.ThrowIfCancellationRequested();
        var snapshot = await grainFactory.Interaction(caller.TenantId, interactionId).Create(spec);
        return snapshot.ToProto();
    }

    public override async Task<EntryDecision> DecideEntry(DecideEntryRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        if (request.Attributes.Count > Abstractions.Interactions.InteractionSpec.MaxAttributes)
        {
            throw EdgeRequests.InvalidArgument($"at most {Abstractions.Interactions.InteractionSpec.MaxAttributes} attributes");
        }
        var decision = await EntryResolution.DecideAsync(grainFactory, caller.TenantId, EntryResolution.CallOf(request));
        return decision.ToProto();
    }

    public override async Task<InteractionSnapshot> Get(GetInteractionRequest request, ServerCallContext context) =>
        (await Existing(Caller(context), request.InteractionId, context.CancellationToken)).Snapshot.ToProto();

    public override async Task<InteractionSnapshot> Hangup(HangupRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        // The whole request is checked before the interaction is looked up, so a malformed one is told so even
        // for an interaction that does not exist.
        var agentId = request.AgentId.Length > 0 ? AgentSideOf(request) : null;
        var (grain, _) = await Existing(caller, request.InteractionId, context.CancellationToken);
        if (agentId is not null)
        {
            return (await grain.End(agentId)).ToProto();
        }
        return (await (request.CancelCallback ? grain.CancelCallback() : grain.Hangup())).ToProto();
    }

    public override async Task<InteractionSnapshot> Answer(AgentAnswerRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var agentId = EdgeRequests.RequireId("agent", request.AgentId);
        var (grain, _) = await Existing(caller, request.InteractionId, context.CancellationToken);
        return (await grain.Accept(agentId)).ToProto();
    }

    public override async Task<InteractionSnapshot> Decline(AgentDeclineRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var agentId = EdgeRequests.RequireId("agent", request.AgentId);
        var (grain, _) = await Existing(caller, request.InteractionId, context.CancellationToken);
        return (await grain.Reject(agentId)).ToProto();
    }

    /// <summary>The agent whose side hung up: cancel_callback is the customer's wish, never the agent's.</summary>
    private static string AgentSideOf(HangupRequest request) => request.CancelCallback
        ? throw EdgeRequests.InvalidArgument("cancel_callback is the customer's; it cannot be set with agent_id")
        : EdgeRequests.RequireId("agent", request.AgentId);

    public override async Task<InteractionSnapshot> RequestCallback(RequestCallbackRequest request, ServerCallContext context)
    {
        var (grain, _) = await Existing(Caller(context), request.InteractionId, context.CancellationToken);
        return (await grain.RequestCallback(request.Number)).ToProto();
    }

    public override async Task<InteractionSnapshot> Transfer(TransferInteractionRequest request, ServerCallContext context)
    {
        var (grain, snapshot) = await Existing(Caller(context), request.InteractionId, context.CancellationToken);
        var agentId = request.AgentId.Length > 0
            ? EdgeRequests.RequireId("agent", request.AgentId)
            : snapshot.AgentId ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"interaction '{request.InteractionId}' is {snapshot.Status}: only a connected interaction can be transferred"));
        return (await grain.Transfer(request.Target.ToTransferRequest(agentId))).ToProto();
    }

    public override Task Watch(WatchInteractionRequest request, IServerStreamWriter<InteractionEvent> responseStream, ServerCallContext context) =>
        shutdown.RunAsync(context, token => WatchAsync(request, responseStream, context, token));

    private async Task WatchAsync(WatchInteractionRequest request, IServerStreamWriter<InteractionEvent> responseStream, ServerCallContext context, CancellationToken cancellationToken)
    {
        var caller = Caller(context);
        var (grain, _) = await Existing(caller, request.InteractionId, cancellationToken);
        var watch = new InteractionWatch();
        var reference = grainFactory.CreateObjectReference<IInteractionObserver>(watch);
        // The agent grain knows its own endpoint: a watch never reads the tenant's whole configuration.
        var stream = new WatchStream(responseStream.WriteAsync, agentId => grainFactory.Agent(caller.TenantId, agentId).GetEndpoint());
        try
        {
            // Subscribe first, then read the snapshot: an event between the two arrives both ways and
            // is sent once (by sequence).
            await grain.Subscribe(reference);
            if (await stream.CatchUp(await grain.GetSnapshot(), cancellationToken))
            {
                return;
            }
            while (true)
            {
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                renew.CancelAfter(RenewEvery);
                try
                {
                    var next = await watch.Events.ReadAsync(renew.Token);
                    var final = next.Sequence == stream.Last + 1
                        ? await stream.Send(next, cancellationToken)
                        : next.Sequence > stream.Last && await stream.CatchUp(await grain.GetSnapshot(), cancellationToken);
                    if (final)
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await grain.Subscribe(reference);
                    if (await stream.CatchUp(await grain.GetSnapshot(), cancellationToken))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            await Unsubscribe(grain, reference, request.InteractionId);
        }
    }

    private async Task Unsubscribe(IInteractionGrain grain, IInteractionObserver reference, string interactionId)
    {
        try
        {
            await grain.Unsubscribe(reference);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The grain forgets the observer after its lease anyway.
            EdgeLog.WatchEnded(logger, $"interaction '{interactionId}'", e.Message);
        }
        finally
        {
            grainFactory.DeleteObjectReference<IInteractionObserver>(reference);
        }
    }

    private async Task<(IInteractionGrain Grain, Abstractions.Interactions.InteractionSnapshot Snapshot)> Existing(
        EdgeCaller caller, string interactionId, CancellationToken cancellationToken)
    {
        EdgeRequests.RequireId("interaction", interactionId);
        cancellationToken.ThrowIfCancellationRequested();
        var grain = grainFactory.Interaction(caller.TenantId, interactionId);
        var snapshot = await grain.GetSnapshot();
        if (snapshot.Status == Routing.Core.InteractionStatus.None)
        {
            throw EdgeRequests.NotFound($"interaction '{interactionId}' does not exist in tenant '{caller.TenantId}'");
        }
        return (grain, snapshot);
    }

    private static EdgeCaller Caller(ServerCallContext context) =>
        EdgeCaller.From(context).Require(EdgeRoles.Gateway, EdgeRoles.Admin);
}
