using Microsoft.AspNetCore.Builder;
using Routing.Client;
using Routing.Contracts.Security;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// Three real servers forming one cluster (localhost clustering, memory storage) on 127.0.0.1, each
/// with its own gRPC edge, and a <see cref="LoopbackProxy"/> in front of each edge so tests can cut one
/// server off from clients. Same test centre as <see cref="EdgeFixture"/>, plus acme agents "cara" and "dan".
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Servers = 3;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-cluster-{Guid.NewGuid():N}");
    private readonly List<WebApplication> _apps = [];
    private readonly List<LoopbackProxy> _proxies = [];

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    /// <summary>The proxies in front of the servers' edges, in server order.</summary>
    public IReadOnlyList<LoopbackProxy> Proxies => _proxies;

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory, "cara", "dan");
        var (first, firstAddress, _, primaryPort) = await TestServer.StartAsync(SigningKey, centreFile);
        _apps.Add(first);
        _proxies.Add(new LoopbackProxy(firstAddress));
        // The others join the first one's cluster; they start one after another so the first sees them join.
        for (var i = 1; i < Servers; i++)
        {
            var (app, address, _, _) = await TestServer.StartAsync(SigningKey, centreFile, primaryPort);
            _apps.Add(app);
            _proxies.Add(new LoopbackProxy(address));
        }
    }

    /// <summary>A client over the servers' proxies (all of them when none are named), with the given identity.</summary>
    public RoutingClient Client(string tenant, string[] roles, string? agentId = null, params int[] servers)
    {
        var token = DevTokens.Mint(SigningKey, tenant, roles, agentId, TimeSpan.FromHours(1));
        var chosen = servers.Length == 0 ? Enumerable.Range(0, Servers) : servers;
        return new RoutingClient(TestServer.ClientOptions(token, chosen.Select(s => _proxies[s].Address)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }
        // Stop the joiners first: the first silo is the localhost cluster's membership.
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            await _apps[i].StopAsync();
            await _apps[i].DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }
}
