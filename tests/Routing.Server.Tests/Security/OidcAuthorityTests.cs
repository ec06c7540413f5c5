using System.Security.Claims;
using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>
/// The production authentication mode: tokens issued by an OpenID Connect authority, whose signing keys
/// the server discovers from the authority's metadata (served here by <see cref="AuthorityStub"/>; the
/// server's own code path is the real one). Development-key tokens are then refused.
/// </summary>
public sealed class OidcAuthorityTests(OidcServerFixture server) : IClassFixture<OidcServerFixture>
{
    [Fact]
    public async Task AuthorityToken_Accepted_WithItsTenantAndRole()
    {
        var config = await Admin().GetConfigurationAsync(new GetConfigurationRequest(), Bearer(server.Token(server.AuthorityKey, OidcServerFixture.Audience)));
        Assert.Equal("acme", config.TenantId);
        Assert.True(server.Stub.Requests >= 2);
    }

    [Fact]
    public async Task DevelopmentKeyToken_RefusedUnauthenticated()
    {
        var devToken = DevTokens.Mint(DevTokens.LocalDevelopmentKey, "acme", ["admin"], null, TimeSpan.FromHours(1));
        await AssertRefused(devToken);
    }

    [Fact]
    public async Task AuthorityKeyButWrongAudience_RefusedUnauthenticated() =>
        await AssertRefused(server.Token(server.AuthorityKey, "another-service"));

    [Fact]
    public async Task SameKeyIdButAnotherKey_RefusedUnauthenticated()
    {
        using var forger = RSA.Create(2048);
        await AssertRefused(server.Token(forger, OidcServerFixture.Audience));
    }

    private async Task AssertRefused(string token)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Admin().GetConfigurationAsync(new GetConfigurationRequest(), Bearer(token)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    private AdminService.AdminServiceClient Admin() => new(server.Channel);

    private static CallOptions Bearer(string token) =>
        new(headers: new Metadata { { "Authorization", $"Bearer {token}" } }, deadline: DateTime.UtcNow.AddSeconds(30));
}

/// <summary>A server in OpenID Connect mode, its authority's key and a way to mint tokens with any key.</summary>
public sealed class OidcServerFixture : IAsyncLifetime
{
    public const string Audience = "routing-edge";
    private const string Authority = "https://login.routing.test/realms/contact-centre";
    private const string KeyId = "signing-1";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-oidc-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public RSA AuthorityKey { get; } = RSA.Create(2048);

    public GrpcChannel Channel { get; private set; } = null!;

    public AuthorityStub Stub { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        Stub = new AuthorityStub(Authority, AuthorityKey, KeyId);
        (_app, var address, _, _) = await TestServer.StartAsync(
            // No signing key: an authority and a signing key together are refused.
            ["--Routing:Edge:Auth:SigningKey=", $"--Routing:Edge:Auth:Authority={Authority}", $"--Routing:Edge:Auth:Audience={Audience}"],
            centreFile,
            primarySiloPort: 0,
            services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = Stub));
        Channel = GrpcChannel.ForAddress(address);
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        AuthorityKey.Dispose();
        Stub?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public string Token(RSA key, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Authority,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim(EdgeClaims.Subject, "admin@acme"), new Claim(EdgeClaims.Tenant, "acme"), new Claim(EdgeClaims.Role, EdgeRoles.Admin)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
    });
}
