using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Abstractions;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge.Mapping;

namespace Routing.Server.Edge.Admin;

/// <summary>admin.proto: an admin reads and replaces the tenant's configuration, and reads the cluster's silos.</summary>
[Authorize]
public sealed class AdminEdgeService(IGrainFactory grainFactory) : AdminService.AdminServiceBase
{
    public override async Task<ApplyResult> ApplyConfiguration(TenantConfiguration request, ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Admin);
        if (string.IsNullOrEmpty(request.TenantId))
        {
            throw EdgeRequests.InvalidArgument($"tenant_id is missing; set it to your tenant '{caller.TenantId}'");
        }
        EdgeRequests.RequireId("tenant", request.TenantId);
        if (!string.Equals(request.TenantId, caller.TenantId, StringComparison.Ordinal))
        {
            throw EdgeRequests.PermissionDenied($"the token is for tenant '{caller.TenantId}' and cannot configure tenant '{request.TenantId}'");
        }
        var problems = new List<string>();
        var configuration = request.ToRecord(problems);
        if (problems.Count > 0)
        {
            throw EdgeRequests.InvalidArgument($"the configuration is not valid: {string.Join("; ", problems)}");
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        await grainFactory.Tenant(caller.TenantId).Apply(configuration);
        return new ApplyResult { Queues = configuration.Queues.Length, Agents = configuration.Agents.Length };
    }

    public override Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Operator, EdgeRoles.Admin);
        return caller.Has(EdgeRoles.Operator)
            ? ClusterStatusReader.ReadAllAsync(grainFactory)
            : ClusterStatusReader.ReadTenantAsync(grainFactory, caller.TenantId);
    }

    public override async Task<ApplyResult> PutQueue(QueueDefinition request, ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Admin);
        var problems = new List<string>();
        var queue = request.ToRecord(problems);
        if (problems.Count > 0)
        {
            throw EdgeRequests.InvalidArgument($"the queue is not valid: {string.Join("; ", problems)}");
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        return Result(await grainFactory.Tenant(caller.TenantId).PutQueue(queue));
    }

    public override async Task<ApplyResult> PutAgent(AgentDefinition request, ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Admin);
        var problems = new List<string>();
        var agent = request.ToRecord(problems);
        if (problems.Count > 0)
        {
            throw EdgeRequests.InvalidArgument($"the agent is not valid: {string.Join("; ", problems)}");
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        return Result(await grainFactory.Tenant(caller.TenantId).PutAgent(agent));
    }

    private static ApplyResult Result(Abstractions.Configuration.TenantConfiguration configuration) =>
        new() { Queues = configuration.Queues.Length, Agents = configuration.Agents.Length };

    public override async Task<TenantConfiguration> GetConfiguration(GetConfigurationRequest request, ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Admin);
        context.CancellationToken.ThrowIfCancellationRequested();
        var configuration = await grainFactory.Tenant(caller.TenantId).GetConfiguration()
            ?? throw EdgeRequests.NotFound($"tenant '{caller.TenantId}' has no configuration yet; apply one first");
        return configuration.ToProto();
    }
}
