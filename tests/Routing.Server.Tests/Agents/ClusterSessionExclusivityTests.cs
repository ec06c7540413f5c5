using Grpc.Net.Client;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>Streams for one agent connecting at once through the three servers of a cluster: the agent
/// grain, on one of them, leaves exactly one open.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSessionExclusivityTests(ClusterFixture cluster)
{
    /// <summary>Per server, as many as the caller's bucket there lets connect, leaving room for a command.</summary>
    private const int StreamsPerServer = TestServer.RateLimitBurst - 10;

    [Fact]
    public async Task Connect_ManyStreamsForOneAgentAtOnceOnEveryServer_OneStaysOpenAndAcceptsCommandsEveryOtherEnds()
    {
        var channels = cluster.Proxies.Select(p => GrpcChannel.ForAddress(p.Address)).ToArray();
        RaceStream[] streams = [];
        try
        {
            var tenant = await RaceStream.FreshTenant(channels[0], cluster.SigningKey);
            var token = DevTokens.Mint(cluster.SigningKey, tenant, ["agent"], "ann", TimeSpan.FromHours(1));
            streams = await RaceStream.OpenAll(channels, token, StreamsPerServer * ClusterFixture.Servers);

            var survivor = await RaceStream.Survivor(streams);

            var accepted = await survivor.Send(new AgentCommand { Login = new Login() });
            Assert.True(accepted?.Ok, accepted?.Message);
            foreach (var ended in streams.Where(s => s != survivor))
            {
                Assert.Equal(ended.Started.SessionId, ended.SessionEnded?.SessionId);
                Assert.Null(await ended.Send(new AgentCommand { Logout = new Logout() }));
            }
            var again = await survivor.Send(new AgentCommand { SetReady = new SetReady() });
            Assert.True(again?.Ok, again?.Message);
        }
        finally
        {
            Array.ForEach(streams, s => s.Dispose());
            Array.ForEach(channels, c => c.Dispose());
        }
    }
}
