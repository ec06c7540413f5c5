using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;
using Routing.Grains;

namespace Routing.Grains.Tests.Infrastructure;

/// <summary>One three-silo in-process cluster shared by every test in the "cluster" collection.
/// Tests use fresh tenant ids, so they do not see each other's queues and agents.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    /// <summary>Short enough that a deadlocked call cycle fails a test quickly instead of hanging it.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(Silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder
                .AddMemoryGrainStorage(RoutingSiloBuilderExtensions.StorageName)
                .UseInMemoryReminderService()
                .AddRouting(o =>
                {
                    // Short, so the recovery test runs in seconds; false alarms are harmless by design.
                    o.WatchdogPeriod = TimeSpan.FromSeconds(5);
                    o.StaleClaimAge = TimeSpan.FromSeconds(3);
                    // Short, so finished interactions leave memory during the tests that still use them: every
                    // read or command after the end then also proves the stored state answers it.
                    o.FinishedLinger = TimeSpan.FromSeconds(1);
                })
                .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            siloBuilder.Services.AddSingleton<ILoggerProvider>(SiloErrorLog.Instance);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
