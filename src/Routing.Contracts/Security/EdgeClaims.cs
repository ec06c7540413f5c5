namespace Routing.Contracts.Security;

/// <summary>The claim names the edge reads from a caller's token.</summary>
public static class EdgeClaims
{
    /// <summary>The tenant id; everything the caller does is scoped to it.</summary>
    public const string Tenant = "tenant";

    /// <summary>One claim per role (see <see cref="EdgeRoles"/>).</summary>
    public const string Role = "role";

    /// <summary>The agent id; required for role <see cref="EdgeRoles.Agent"/>.</summary>
    public const string Agent = "agent";

    /// <summary>One claim per permission beyond the roles (see <see cref="EdgePermissions"/>), e.g.
    /// <c>personal-data.read</c>. Unknown permissions are ignored.</summary>
    public const string Permission = "permission";

    /// <summary>The subject (who the token was issued to).</summary>
    public const string Subject = "sub";
}
