using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Routing.Client;
using Routing.Contracts.Security;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// The real server (silo + gRPC edge) on 127.0.0.1 with free ports, memory storage and a small test
/// centre: tenant "acme" (queue "sales", agents "ann" and "bob") and tenant "globex" (queue "sales",
/// agent "gus"). Shared by the whole "edge" collection; tests use fresh ids so they do not interfere.
/// </summary>
public sealed class EdgeFixture : IAsyncLifetime
{
    /// <summary>Rate limit of the test server: a burst of this many calls per caller.</summary>
    public const int RateLimitBurst = TestServer.RateLimitBurst;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-edge-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    public Uri Address { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The same server's gRPC-Web endpoint (HTTP/1.1).</summary>
    public Uri WebAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        (_app, Address, WebAddress, _) = await TestServer.StartAsync(SigningKey, centreFile);
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async ValueTask DisposeAsync() => await TestServer.StopAsync(_app, Channel, _directory);

    /// <summary>A Routing.Client for this server (or <paramref name="address"/>, e.g. a proxy in front of it)
    /// with a valid token for the given identity.</summary>
    public RoutingClient Client(string tenant, string[] roles, string? agentId = null, Uri? address = null, Action<RoutingClientOptions>? configure = null)
    {
        var options = TestServer.ClientOptions(Token(tenant, roles, agentId), [address ?? Address]);
        configure?.Invoke(options);
        return new RoutingClient(options);
    }

    /// <summary>A valid token for an hour.</summary>
    public string Token(string tenant, string[] roles, string? agentId = null) =>
        DevTokens.Mint(SigningKey, tenant, roles, agentId, TimeSpan.FromHours(1));

    /// <summary>Call options carrying a valid token, with a deadline that fails a hung test.</summary>
    public CallOptions As(string tenant, string[] roles, string? agentId = null) =>
        WithToken(Token(tenant, roles, agentId));

    /// <summary>Call options carrying <paramref name="token"/> as is (null: no token).</summary>
    public static CallOptions WithToken(string? token) => new(
        headers: token is null ? [] : new Metadata { { "Authorization", $"Bearer {token}" } },
        deadline: DateTime.UtcNow.AddSeconds(30));
}
