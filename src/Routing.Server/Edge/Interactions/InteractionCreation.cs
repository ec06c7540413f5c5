using Routing.Abstractions.Interactions;
using Routing.Contracts.V1;
using Routing.Server.Edge.Mapping;

namespace Routing.Server.Edge.Interactions;

/// <summary>A create request checked and made into the grain's spec, the same for the unary Create and a gateway
/// session's create: the id (the caller's, or a new one), the channel, the entry point's choice of queue, and the
/// spec's own checks. Every refusal is an <see cref="Grpc.Core.RpcException"/> and creates nothing.</summary>
internal static class InteractionCreation
{
    public static async Task<(string InteractionId, InteractionSpec Spec)> CheckAsync(IGrainFactory grainFactory, string tenantId, CreateInteractionRequest request)
    {
        var interactionId = string.IsNullOrEmpty(request.InteractionId)
            ? Guid.NewGuid().ToString("N")
            : EdgeRequests.RequireId("interaction", request.InteractionId);
        var spec = request.ToSpec()
            ?? throw EdgeRequests.InvalidArgument($"channel {(int)request.Channel} is unknown; use CHANNEL_VOICE, CHANNEL_CHAT, CHANNEL_EMAIL, CHANNEL_MESSAGE or CHANNEL_CALLBACK");
        if (request.Entry.Length > 0)
        {
            spec = await EntryResolution.ApplyAsync(grainFactory, tenantId, request, spec);
        }
        var problems = spec.Problems().ToList();
        if (problems.Count > 0)
        {
            throw EdgeRequests.InvalidArgument($"the interaction is not valid: {string.Join("; ", problems)}");
        }
        return (interactionId, spec);
    }
}
