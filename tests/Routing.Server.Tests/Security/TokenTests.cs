using System.Security.Claims;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>Tokens the edge refuses, and the reason it gives in the status detail.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TokenTests(EdgeFixture fixture)
{
    private readonly AdminService.AdminServiceClient _admin = new(fixture.Channel);

    [Fact]
    public async Task Token_TwoTenantClaims_IsUnauthenticatedNamingTheClaim()
    {
        var token = Mint([new(EdgeClaims.Tenant, "acme"), new(EdgeClaims.Tenant, "globex"), new(EdgeClaims.Role, EdgeRoles.Admin)], TimeSpan.FromHours(1));
        var e = await Refused(token);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("more than one 'tenant' claim", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_TwoAgentClaims_IsUnauthenticated()
    {
        var token = Mint([new(EdgeClaims.Tenant, "acme"), new(EdgeClaims.Role, EdgeRoles.Agent), new(EdgeClaims.Agent, "ann"), new(EdgeClaims.Agent, "bob")], TimeSpan.FromHours(1));
        var agents = new AgentService.AgentServiceClient(fixture.Channel);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            // The edge refuses the stream as it opens, before reading a command: nothing is written, since a write racing
            // the refusal may fail with the stream's reset (CANCELLED) before the refusal's status has arrived.
            using var stream = agents.Connect(EdgeFixture.WithToken(token));
            await stream.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("more than one 'agent' claim", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ValidFor100Years_IsUnauthenticatedNamingTheLimit()
    {
        var token = DevTokens.Mint(fixture.SigningKey, "acme", [EdgeRoles.Admin], null, TimeSpan.FromDays(365 * 100));
        var e = await Refused(token);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("MaxTokenLifetime", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithinMaxLifetime_IsAccepted()
    {
        var token = DevTokens.Mint(fixture.SigningKey, "acme", [EdgeRoles.Admin], null, TimeSpan.FromHours(23));
        await _admin.GetConfigurationAsync(new GetConfigurationRequest(), EdgeFixture.WithToken(token));
    }

    [Fact]
    public async Task Token_Expired_ReasonIsInTheStatusDetail()
    {
        var e = await Refused(DevTokens.Mint(fixture.SigningKey, "acme", [EdgeRoles.Admin], null, TimeSpan.FromHours(-1)));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("expired", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WrongSignature_ReasonIsInTheStatusDetail()
    {
        var e = await Refused(DevTokens.Mint($"another-key-{Guid.NewGuid():N}", "acme", [EdgeRoles.Admin], null, TimeSpan.FromHours(1)));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("signature", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_Missing_ReasonIsInTheStatusDetail()
    {
        var e = await Refused(null);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("no bearer token", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_NotAJwt_IsUnauthenticatedAsMalformed()
    {
        var e = await Refused("not-a-token");
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Contains("malformed", e.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<RpcException> Refused(string? token) =>
        await Assert.ThrowsAsync<RpcException>(() => _admin.GetConfigurationAsync(new GetConfigurationRequest(), EdgeFixture.WithToken(token)).ResponseAsync);

    /// <summary>A token signed with the test server's key carrying exactly <paramref name="claims"/> (and a subject).</summary>
    private string Mint(IEnumerable<Claim> claims, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevTokens.Issuer,
            Audience = DevTokens.Audience,
            Subject = new ClaimsIdentity([new Claim(EdgeClaims.Subject, $"test-{Guid.NewGuid():N}"), .. claims]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(DevTokens.SecurityKey(fixture.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
