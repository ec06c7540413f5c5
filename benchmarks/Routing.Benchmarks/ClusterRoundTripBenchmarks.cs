using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains;

namespace Routing.Benchmarks;

/// <summary>
/// One full routing round trip through the grains on one in-process silo, no network: create an
/// interaction, receive the offer at the agent's observer, accept, complete. The agent is free again
/// at the end, so every operation starts from the same state.
/// </summary>
[MemoryDiagnoser]
public class ClusterRoundTripBenchmarks
{
    private const string Tenant = "bench";
    private IHost _host = null!;
    private IClusterClient _client = null!;
    private OfferWaiter _waiter = null!;
    private IAgentObserver _observerReference = null!;
    private long _next;

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: 21_111, gatewayPort: 31_111)
            .AddMemoryGrainStorage(RoutingSiloBuilderExtensions.StorageName)
            .AddRouting());
        _host = builder.Build();
        await _host.StartAsync();
        _client = _host.Services.GetRequiredService<IClusterClient>();
        await _client.Tenant(Tenant).Apply(new TenantConfiguration
        {
            TenantId = Tenant,
            Queues = [new QueueDefinition { QueueId = "sales", WrapUpTime = TimeSpan.Zero, OfferTimeout = TimeSpan.FromMinutes(1) }],
            Agents = [new AgentDefinition { AgentId = "ann" }],
        });
        _waiter = new OfferWaiter();
        _observerReference = _client.CreateObjectReference<IAgentObserver>(_waiter);
        await _client.Agent(Tenant, "ann").Subscribe(_observerReference);
        await _client.Agent(Tenant, "ann").SetReady();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Benchmark]
    public async Task<InteractionStatus> CreateOfferAcceptComplete()
    {
        var id = $"call-{Interlocked.Increment(ref _next)}";
        var offered = _waiter.Expect(id);
        var interaction = _client.Interaction(Tenant, id);
        await interaction.Create(new InteractionSpec { QueueId = "sales" });
        await offered;
        await interaction.Accept("ann");
        return (await interaction.Complete("ann", new Disposition("done"))).Status;
    }

    private sealed class OfferWaiter : IAgentObserver
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _expected = new();

        public Task Expect(string interactionId) =>
            _expected.GetOrAdd(interactionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Task OnOffer(OfferNotice offer)
        {
            if (_expected.TryRemove(offer.InteractionId, out var done))
            {
                done.TrySetResult();
            }
            return Task.CompletedTask;
        }

        public Task OnOfferEnded(string interactionId, OfferOutcome outcome) => Task.CompletedTask;

        public Task OnStateChanged(AgentSnapshot snapshot) => Task.CompletedTask;
    }
}
