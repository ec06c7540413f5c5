using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Abstractions;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Routing.History.PersonalData;
using Routing.Server.Edge.Mapping;
using Core = Routing.Core;

namespace Routing.Server.Edge.Admin;

/// <summary>admin.proto: an admin reads and replaces the tenant's configuration, purges its history, and reads the
/// cluster's silos.</summary>
[Authorize]
public sealed class AdminEdgeService(IGrainFactory grainFactory, PersonalDataKeyRing personalDataKeys, TimeProvider clock) : AdminService.AdminServiceBase
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
        if (configuration.PersonalData.Mode == Core.PersonalDataMode.Encrypt && personalDataKeys.ActiveKeyOf(caller.TenantId) is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"personal data mode Encrypt needs a key for tenant '{caller.TenantId}' in the server's configuration ({PersonalDataOptions.SectionName}:Keys:{caller.TenantId}); "
                + "add one to every server first, or choose Mask"));
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        await ApplyAsync(caller.TenantId, t => t.Apply(configuration));
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
        return Result(await ApplyAsync(caller.TenantId, t => t.PutQueue(queue)));
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
        return Result(await ApplyAsync(caller.TenantId, t => t.PutAgent(agent)));
    }

    public override async Task<PurgeHistoryResponse> PurgeHistory(PurgeHistoryRequest request, ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Admin);
        var retention = grainFactory.HistoryRetention(caller.TenantId);
        var now = clock.GetUtcNow();
        DateTimeOffset before;
        if (ProtoTime.ToInstant(request.Before, "before") is { } given)
        {
            before = given <= now ? given : throw EdgeRequests.InvalidArgument($"before {given:O} is in the future: a purge deletes only what is already past");
        }
        else
        {
            var days = await retention.GetRetentionDays();
            before = days > 0 ? now - TimeSpan.FromDays(days) : throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"tenant '{caller.TenantId}' has no history_retention_days: give before, or set a retention period in its configuration"));
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        var result = await retention.Purge(before);
        if (!result.HistoryEnabled)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "this server keeps no history (History:Enabled is false): there is nothing to purge"));
        }
        var response = new PurgeHistoryResponse { Before = Timestamp.FromDateTimeOffset(result.Before) };
        response.DeletedRows.Add(result.Deleted.ToDictionary());
        return response;
    }

    private Task ApplyAsync(string tenantId, Func<ITenantGrain, Task> apply) =>
        ApplyAsync(tenantId, async t =>
        {
            await apply(t);
            return true;
        });

    /// <summary>Runs <paramref name="apply"/>; when a call inside the cluster fails or times out, the answer says
    /// whether the configuration is now applied in part (stored as pending, completed by applying it again),
    /// instead of the generic "lost silo" that would leave the caller guessing.</summary>
    private async Task<T> ApplyAsync<T>(string tenantId, Func<ITenantGrain, Task<T>> apply)
    {
        var tenant = grainFactory.Tenant(tenantId);
        try
        {
            return await apply(tenant);
        }
        catch (Exception e) when (e is not RoutingException && TransientClusterFault.Matches(e))
        {
            throw await IncompleteApplyAsync(tenant);
        }
    }

    private static async Task<RpcException> IncompleteApplyAsync(ITenantGrain tenant)
    {
        bool? pending;
        try
        {
            pending = (await tenant.GetConfigurationStatus()).ApplyPending;
        }
        catch (Exception e) when (TransientClusterFault.Matches(e))
        {
            pending = null;
        }
        var state = pending switch
        {
            true => "it is applied in part and stored as pending (GetConfiguration shows apply_pending)",
            false => "what is stored is complete (GetConfiguration shows it)",
            null => "it may be applied in part",
        };
        return new RpcException(new Status(StatusCode.Unavailable,
            $"the configuration was not applied completely: a call inside the cluster failed or did not answer in time; {state}; apply the same configuration again to complete it"));
    }

    private static ApplyResult Result(Abstractions.Configuration.TenantConfiguration configuration) =>
        new() { Queues = configuration.Queues.Length, Agents = configuration.Agents.Length };

    public override async Task<TenantConfiguration> GetConfiguration(GetConfigurationRequest request, ServerCallContext context)
    {
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Admin);
        context.CancellationToken.ThrowIfCancellationRequested();
        var status = await grainFactory.Tenant(caller.TenantId).GetConfigurationStatus();
        var configuration = status.Configuration
            ?? throw EdgeRequests.NotFound($"tenant '{caller.TenantId}' has no configuration yet; apply one first");
        var answer = configuration.ToProto();
        answer.ApplyPending = status.ApplyPending;
        return answer;
    }
}
