using Grpc.Core;
using Grpc.Net.Client;
using Routing.Cluster.Tests.Infrastructure;
using Routing.Server.Tests.Infrastructure;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Routing.Server.Tests.Readiness;

/// <summary>
/// Readiness (<c>routing.readiness</c>) turns SERVING only while the silo is Active and its grain storage answers, and
/// NOT_SERVING as soon as a stop begins; liveness (<c>routing.liveness</c>, and <c>""</c>) only says the process answers.
/// Each test starts its own real server: they stop storage or the server.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-ready-{Guid.NewGuid():N}");
    private readonly string _signingKey = $"test-signing-key-{Guid.NewGuid():N}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Readiness_WhileRedisStorageIsDown_IsNotServing_LivenessStaysServing_AndRecovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisProcess.StartAsync(ct);
        var (app, address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={_signingKey}", "--Routing:Cluster:Storage=Redis", $"--Routing:Cluster:RedisConnectionString={redis.ConnectionString}"],
            await TestServer.WriteCentreAsync(_directory), primarySiloPort: 0, configureServices: null);
        using var channel = GrpcChannel.ForAddress(address);
        try
        {
            Assert.Equal(ServingStatus.Serving, await HealthProbe.ReadinessAsync(channel));

            await redis.KillAsync();
            await HealthProbe.WaitReadinessAsync(channel, ServingStatus.NotServing, TimeSpan.FromSeconds(15));
            Assert.Equal(ServingStatus.Serving, await HealthProbe.LivenessAsync(channel));
            Assert.Equal(ServingStatus.Serving, await HealthProbe.StatusAsync(channel, ""));

            await redis.RestartAsync(ct);
            await HealthProbe.WaitReadinessAsync(channel, ServingStatus.Serving, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Readiness_OnceAStopBegins_IsNotServing_WhileTheEdgeStillAnswersForTheDrainDelay()
    {
        var (app, address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={_signingKey}", "--Routing:Shutdown:DrainDelay=00:00:05"],
            await TestServer.WriteCentreAsync(_directory), primarySiloPort: 0, configureServices: null);
        using var channel = GrpcChannel.ForAddress(address);
        Task stopping = Task.CompletedTask;
        try
        {
            Assert.Equal(ServingStatus.Serving, await HealthProbe.ReadinessAsync(channel));

            // As SIGTERM does: the host's stop, which first signals ApplicationStopping.
            stopping = app.StopAsync(CancellationToken.None);

            Assert.Equal(ServingStatus.NotServing, await HealthProbe.ReadinessAsync(channel));
            Assert.Equal(ServingStatus.Serving, await HealthProbe.LivenessAsync(channel));
            Assert.False(stopping.IsCompleted, "the server stopped without waiting for the drain delay");
            await stopping;
            var refused = await Assert.ThrowsAsync<RpcException>(() => HealthProbe.LivenessAsync(channel));
            Assert.True(HealthProbe.Refused(refused), $"a stopped server answered {refused.StatusCode}");
        }
        finally
        {
            await stopping;
            await app.DisposeAsync();
        }
    }
}
