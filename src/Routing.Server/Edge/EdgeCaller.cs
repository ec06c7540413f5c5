using System.Security.Claims;
using Grpc.Core;
using Routing.Contracts.Security;
using Routing.Core;

namespace Routing.Server.Edge;

/// <summary>
/// The authenticated caller of a gRPC call, from its token's claims: the tenant (every request is
/// scoped to it; it is never taken from a message), its roles and, for an agent's app, the agent.
/// </summary>
public sealed record EdgeCaller(string TenantId, IReadOnlySet<string> Roles, string? AgentId)
{
    /// <summary>Reads the caller from the call's authenticated user.</summary>
    /// <exception cref="RpcException">Unauthenticated: no user, or its claims are missing or invalid.</exception>
    public static EdgeCaller From(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return From(context.GetHttpContext().User);
    }

    /// <summary>Reads the caller from <paramref name="user"/>.</summary>
    /// <exception cref="RpcException">Unauthenticated: no user, or its claims are missing or invalid.</exception>
    public static EdgeCaller From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true })
        {
            throw Unauthenticated("the call carries no valid bearer token");
        }
        var tenant = SingleClaim(user, EdgeClaims.Tenant);
        if (EntityId.Problem("tenant", tenant) is { } tenantProblem)
        {
            throw Unauthenticated($"the token's '{EdgeClaims.Tenant}' claim is not valid: {tenantProblem}");
        }
        var roles = user.FindAll(EdgeClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (roles.Count == 0)
        {
            throw Unauthenticated($"the token has no '{EdgeClaims.Role}' claim (one of {string.Join(", ", EdgeRoles.All)})");
        }
        if (roles.FirstOrDefault(r => !EdgeRoles.All.Contains(r)) is { } unknown)
        {
            throw Unauthenticated($"the token's role '{unknown}' is unknown (known: {string.Join(", ", EdgeRoles.All)})");
        }
        var agent = SingleClaim(user, EdgeClaims.Agent);
        if (agent is not null && EntityId.Problem("agent", agent) is { } agentProblem)
        {
            throw Unauthenticated($"the token's '{EdgeClaims.Agent}' claim is not valid: {agentProblem}");
        }
        if (roles.Contains(EdgeRoles.Agent) && agent is null)
        {
            throw Unauthenticated($"a token with role '{EdgeRoles.Agent}' must name the agent in an '{EdgeClaims.Agent}' claim");
        }
        return new EdgeCaller(tenant!, roles, agent)
        {
            Subject = user.FindFirst(EdgeClaims.Subject)?.Value,
            Permissions = user.FindAll(EdgeClaims.Permission).Select(c => c.Value).Where(EdgePermissions.All.Contains).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>Who the token was issued to (its <c>sub</c> claim), if it names anyone: the person a supervisor's
    /// actions are recorded against.</summary>
    public string? Subject { get; init; }

    /// <summary>The known permissions the token carries (<see cref="EdgePermissions"/>); unknown ones are left out.</summary>
    public IReadOnlySet<string> Permissions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the caller's token carries <paramref name="permission"/>.</summary>
    public bool HasPermission(string permission) => Permissions.Contains(permission);

    /// <summary>Whether the caller has <paramref name="role"/>.</summary>
    public bool Has(string role) => Roles.Contains(role);

    /// <summary>Returns this caller when it has at least one of <paramref name="anyOfRoles"/>.</summary>
    /// <exception cref="RpcException">PermissionDenied, naming the roles that would do.</exception>
    public EdgeCaller Require(params string[] anyOfRoles)
    {
        ArgumentNullException.ThrowIfNull(anyOfRoles);
        if (anyOfRoles.Any(Roles.Contains))
        {
            return this;
        }
        throw new RpcException(new Status(StatusCode.PermissionDenied,
            $"this call needs role {string.Join(" or ", anyOfRoles.Select(r => $"'{r}'"))}; the token has {string.Join(", ", Roles.Select(r => $"'{r}'"))}"));
    }

    /// <summary>
    /// For an agent's app: the call must concern the caller's own agent. Supervisors and admins may
    /// act on any agent of their tenant.
    /// </summary>
    /// <exception cref="RpcException">PermissionDenied when an agent acts for another agent.</exception>
    public void RequireAgent(string agentId)
    {
        if (Has(EdgeRoles.Supervisor) || Has(EdgeRoles.Admin))
        {
            return;
        }
        if (Has(EdgeRoles.Agent) && string.Equals(agentId, AgentId, StringComparison.Ordinal))
        {
            return;
        }
        throw new RpcException(new Status(StatusCode.PermissionDenied,
            $"the token is for agent '{AgentId}' and cannot act for agent '{agentId}'"));
    }

    /// <summary>The value of a claim that must appear at most once: a token naming two tenants (or agents)
    /// is refused rather than read by whichever value comes first.</summary>
    private static string? SingleClaim(ClaimsPrincipal user, string type)
    {
        string? value = null;
        foreach (var claim in user.FindAll(type))
        {
            if (value is not null)
            {
                throw Unauthenticated($"the token carries more than one '{type}' claim; it must name exactly one");
            }
            value = claim.Value;
        }
        return value;
    }

    private static RpcException Unauthenticated(string message) =>
        new(new Status(StatusCode.Unauthenticated, message));
}
