using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Routing.Contracts.Security;

/// <summary>
/// Mints tokens signed with the symmetric development key (the server's <c>Routing:Edge:Auth:SigningKey</c>),
/// for tests, the CLI and local tools. Production tokens come from an OpenID Connect authority.
/// </summary>
public static class DevTokens
{
    /// <summary>Issuer every development token carries (and the server requires in development mode).</summary>
    public const string Issuer = "routing";

    /// <summary>Audience every development token carries.</summary>
    public const string Audience = "routing";

    /// <summary>The development signing key the server's appsettings.json ships with, so a fresh checkout's
    /// server and command line work together. Anyone can read it: production servers use an OpenID
    /// Connect authority instead.</summary>
    public const string LocalDevelopmentKey = "DEVELOPMENT-ONLY key: replace with Authority + Audience in production";

    /// <summary>A signed JWT for <paramref name="tenantId"/> with <paramref name="roles"/>; the subject
    /// is the agent id, or else the roles and tenant (one rate-limit bucket per subject).</summary>
    public static string Mint(string signingKey, string tenantId, IEnumerable<string> roles, string? agentId, TimeSpan lifetime) =>
        Mint(signingKey, tenantId, roles, agentId, lifetime, subject: null);

    /// <summary>As <see cref="Mint(string, string, IEnumerable{string}, string?, TimeSpan)"/>, with an explicit subject.
    /// A negative <paramref name="lifetime"/> gives an already-expired token (for tests).</summary>
    public static string Mint(string signingKey, string tenantId, IEnumerable<string> roles, string? agentId, TimeSpan lifetime, string? subject) =>
        Mint(signingKey, tenantId, roles, agentId, lifetime, subject, permissions: []);

    /// <summary>As <see cref="Mint(string, string, IEnumerable{string}, string?, TimeSpan, string?)"/>, with a
    /// <see cref="EdgeClaims.Permission"/> claim for each of <paramref name="permissions"/> (see <see cref="EdgePermissions"/>).</summary>
    public static string Mint(string signingKey, string tenantId, IEnumerable<string> roles, string? agentId, TimeSpan lifetime, string? subject, IEnumerable<string> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(roles);
        var roleList = roles.ToList();
        var claims = new List<Claim>
        {
            new(EdgeClaims.Subject, subject ?? agentId ?? $"{string.Join('+', roleList)}@{tenantId}"),
            new(EdgeClaims.Tenant, tenantId),
        };
        claims.AddRange(roleList.Select(r => new Claim(EdgeClaims.Role, r)));
        claims.AddRange(permissions.Select(p => new Claim(EdgeClaims.Permission, p)));
        if (agentId is not null)
        {
            claims.Add(new Claim(EdgeClaims.Agent, agentId));
        }
        var now = DateTime.UtcNow;
        // An expired token must also have been valid once: move issue time back with it.
        var notBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(10) : now;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SecurityKey(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The key <paramref name="signingKey"/> stands for (its UTF-8 bytes).</summary>
    public static SymmetricSecurityKey SecurityKey(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));
}
