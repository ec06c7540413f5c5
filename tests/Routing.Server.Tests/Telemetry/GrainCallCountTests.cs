using Grpc.Net.Client;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Telemetry;

/// <summary><c>Telemetry:GrainCalls=true</c>: the scrape counts the calls the grains received, by interface and method, so
/// what one interaction costs the cluster can be read call by call (the load test's <c>--telemetry calls</c>).</summary>
public sealed class GrainCallCountTests
{
    private const string Calls = "routing_grain_calls_total";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrainCallsOn_CreateAndHangUp_EachGrainCallCountedOnceByInterfaceAndMethod()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"routing-grain-calls-{Guid.NewGuid():N}");
        var centreFile = await TestServer.WriteCentreAsync(directory);
        var signingKey = $"test-signing-key-{Guid.NewGuid():N}";
        var (app, address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={signingKey}", "--Telemetry:GrainCalls=true"], centreFile, primarySiloPort: 0, configureServices: null);
        using var channel = GrpcChannel.ForAddress(address);
        using var http = new HttpClient();
        var metrics = new Uri($"http://127.0.0.1:{app.Configuration["Telemetry:Prometheus:Port"]}/metrics");
        try
        {
            var interactions = new InteractionService.InteractionServiceClient(channel);
            var gateway = EdgeFixture.WithToken(DevTokens.Mint(signingKey, "acme", ["gateway"], null, TimeSpan.FromHours(1)));
            var before = await PrometheusScrape.ReadAsync(http, metrics, Cancel);

            // No agent is ready: the call waits in line, then the customer hangs up.
            var call = $"call-{Guid.NewGuid():N}";
            await interactions.CreateAsync(new CreateInteractionRequest { InteractionId = call, QueueId = "sales" }, gateway);
            await interactions.HangupAsync(new HangupRequest { InteractionId = call }, gateway);
            var after = await PrometheusScrape.ReadAsync(http, metrics, Cancel);

            double Moved(string grainInterface, string method)
            {
                (string, string)[] labels = [("routing_grain_interface", grainInterface), ("routing_grain_method", method)];
                return after.Value(Calls, labels) - before.Value(Calls, labels);
            }
            Assert.Equal(1, Moved("Routing.Abstractions.IInteractionGrain", "Create"));
            Assert.Equal(1, Moved("Routing.Abstractions.Protocol.IQueueRouting", "Enqueue"));
            Assert.Equal(1, Moved("Routing.Abstractions.IInteractionGrain", "Hangup"));
            Assert.Equal(1, Moved("Routing.Abstractions.Protocol.IQueueRouting", "Remove"));
            // No agent was available: the queue started no routing pass for the arrival.
            Assert.Equal(0, Moved("Routing.Abstractions.Protocol.IQueueRouting", "Dispatch"));
            // Labelled by interface and method only (besides OpenTelemetry's scope): never a grain's id.
            Assert.All(after.Samples.Where(s => s.Name == Calls), s => Assert.Equal(
                ["routing_grain_interface", "routing_grain_method"],
                s.Labels.Keys.Where(k => !k.StartsWith("otel_scope_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)));
        }
        finally
        {
            await TestServer.StopAsync(app, channel: null, directory);
        }
    }
}
