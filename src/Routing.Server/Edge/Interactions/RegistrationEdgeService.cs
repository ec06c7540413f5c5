using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Abstractions;
using Routing.Abstractions.EntryPoints;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge.Mapping;
using AgentContact = Routing.Contracts.V1.AgentContact;

namespace Routing.Server.Edge.Interactions;

/// <summary>registration.proto: a SIP gateway's registrar records where agents' phones registered, in the agent grain.</summary>
[Authorize]
public sealed class RegistrationEdgeService(IGrainFactory grainFactory, TimeProvider time) : RegistrationService.RegistrationServiceBase
{
    public override async Task<AgentContact> SetAgentContact(SetAgentContactRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var agentId = EdgeRequests.RequireId("agent", request.AgentId);
        var contact = ContactOf(request);
        context.CancellationToken.ThrowIfCancellationRequested();
        await grainFactory.Agent(caller.TenantId, agentId).SetContact(contact);
        return ToProto(agentId, contact);
    }

    public override async Task<AgentContact> GetAgentContact(GetAgentContactRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var agentId = EdgeRequests.RequireId("agent", request.AgentId);
        return ToProto(agentId, await grainFactory.Agent(caller.TenantId, agentId).GetContact());
    }

    private Abstractions.Agents.AgentContact? ContactOf(SetAgentContactRequest request)
    {
        if (request.ContactUri.Length == 0)
        {
            return null;
        }
        if (request.ContactUri.Length > Abstractions.Agents.AgentContact.MaxUriLength || !EntryPointDefinition.IsSipOrTelUri(request.ContactUri))
        {
            throw EdgeRequests.InvalidArgument(
                $"contact_uri must be a sip:, sips: or tel: URI of at most {Abstractions.Agents.AgentContact.MaxUriLength} printable characters without spaces");
        }
        var expiresAt = ProtoTime.ToInstant(request.ExpiresAt, "expires_at")
            ?? throw EdgeRequests.InvalidArgument("expires_at is required with a contact_uri");
        var now = time.GetUtcNow();
        if (expiresAt <= now || expiresAt > now + Abstractions.Agents.AgentContact.MaxLifetime)
        {
            throw EdgeRequests.InvalidArgument($"expires_at must be within the next {Abstractions.Agents.AgentContact.MaxLifetime.TotalHours:0} hours");
        }
        return new Abstractions.Agents.AgentContact(request.ContactUri, expiresAt);
    }

    private static AgentContact ToProto(string agentId, Abstractions.Agents.AgentContact? contact) => new()
    {
        AgentId = agentId,
        ContactUri = contact?.Uri ?? string.Empty,
        ExpiresAt = contact?.ExpiresAt.ToProto(),
    };

    private static EdgeCaller Caller(ServerCallContext context) =>
        EdgeCaller.From(context).Require(EdgeRoles.Gateway, EdgeRoles.Admin);
}
