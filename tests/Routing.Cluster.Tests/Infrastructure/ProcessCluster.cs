using System.Text.Json;
using Routing.Abstractions.Configuration;
using Routing.Client;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Core;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>
/// Silo processes on 127.0.0.1 with free ports. <see cref="StartAsync"/>: sharing a Redis of the test's own
/// for clustering, grain state and reminders (what deploy/local-cluster.sh --redis starts).
/// <see cref="StartOnAzureTablesAsync"/>: silos keeping grain state and reminders, and with <see cref="AzureTables.Clustering"/>
/// their membership, in Azure Table storage (Azurite).
/// The centre has tenant "acme" with queue "sales" (agents s01…) and queue "held" (agents h01…), and tenant
/// <see cref="NeighbourTenant"/> with the same queues and no agents.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef";
    public const string Tenant = "acme";

    /// <summary>A second tenant whose grain keys Orleans' Azure key sanitising would confuse with acme's
    /// (<c>acme_east/held-1</c> and <c>acme/east_held-1</c> both become <c>acme_east_held-1</c>).</summary>
    public const string NeighbourTenant = "acme_east";
    private readonly string _directory = Directory.CreateTempSubdirectory("routing-cluster-").FullName;
    private readonly List<SiloProcess> _silos = [];

    private readonly string[] _storageSettings;

    private ProcessCluster(RedisProcess? redis, string[] storageSettings)
    {
        _redis = redis;
        _storageSettings = storageSettings;
    }

    private readonly RedisProcess? _redis;

    public RedisProcess Redis => _redis ?? throw new InvalidOperationException("this cluster keeps its state in Azure Table storage");

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public string[] SalesAgents { get; private set; } = [];

    public string[] HeldAgents { get; private set; } = [];

    /// <summary>Starts <paramref name="silos"/> silos sharing a Redis of their own, each with <paramref name="settings"/> too
    /// (e.g. a history store they share).</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, int salesAgents, int heldAgents, CancellationToken cancellationToken, params string[] settings)
    {
        var redis = await RedisProcess.StartAsync(cancellationToken);
        var cluster = new ProcessCluster(redis,
        [
            "--Routing:Cluster:Clustering=Redis",
            "--Routing:Cluster:Storage=Redis",
            $"--Routing:Cluster:RedisConnectionString={redis.ConnectionString}",
            .. settings,
        ]);
        await cluster.WriteCentreAsync(salesAgents, heldAgents);
        for (var i = 0; i < silos; i++)
        {
            await cluster.AddSiloAsync(cancellationToken);
        }
        return cluster;
    }

    /// <summary>Starts <paramref name="silos"/> silos keeping grain state and reminders in <paramref name="tables"/>, and their
    /// membership too when <see cref="AzureTables.Clustering"/> is set (else localhost clustering: each silo on its own).</summary>
    public static async Task<ProcessCluster> StartOnAzureTablesAsync(AzureTables tables, int silos, int salesAgents, int heldAgents, CancellationToken cancellationToken)
    {
        var cluster = new ProcessCluster(null, tables.Settings());
        await cluster.WriteCentreAsync(salesAgents, heldAgents);
        for (var i = 0; i < silos; i++)
        {
            await cluster.AddSiloAsync(cancellationToken);
        }
        return cluster;
    }

    /// <summary>Starts one more silo, which joins the cluster, and waits until its edge is healthy.</summary>
    public async Task<SiloProcess> AddSiloAsync(CancellationToken cancellationToken)
    {
        var silo = StartSilo(edge: null);
        _silos.Add(silo);
        await silo.WaitHealthyAsync(cancellationToken);
        return silo;
    }

    /// <summary>One step of a rolling upgrade: stops silo <paramref name="index"/> with SIGTERM (it drains and leaves the
    /// cluster), starts its replacement on the same edge address, and waits until the replacement is ready (Active in the
    /// membership, storage answering). Returns how long the old silo took to stop.</summary>
    public async Task<TimeSpan> ReplaceSiloAsync(int index, CancellationToken cancellationToken)
    {
        var old = _silos[index];
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        var exitCode = await old.TerminateAsync(TimeSpan.FromSeconds(60));
        var stopped = stopping.Elapsed;
        Assert.True(exitCode == 0, $"silo {index} exited with {exitCode} on SIGTERM:{Environment.NewLine}{old.Output}");
        await old.DisposeAsync();
        var replacement = StartSilo(old.Edge);
        _silos[index] = replacement;
        await replacement.WaitReadyAsync(cancellationToken);
        return stopped;
    }

    private SiloProcess StartSilo(Uri? edge) => SiloProcess.Start(
    [
        .. _storageSettings,
        $"--Routing:CentreFile={Path.Combine(_directory, "centre.json")}",
        $"--Routing:Edge:Auth:SigningKey={SigningKey}",
    ], edge);

    /// <summary>A development token of <paramref name="tenant"/> (acme unless named) with <paramref name="role"/> (and agent).</summary>
    public static string Token(string role, string? agentId = null, string tenant = Tenant) => DevTokens.Mint(SigningKey, tenant, [role], agentId, TimeSpan.FromHours(1));

    /// <summary>A client of every live edge; without a token it can still open agent sessions with their own.</summary>
    public RoutingClient Client(string? token)
    {
        var options = new RoutingClientOptions
        {
            Token = token,
            // Calls to a grain on a silo that died wait until the cluster declares it dead: allow for that.
            CallTimeout = TimeSpan.FromSeconds(30),
            MaxAttempts = 5,
            AgentReconnect = { FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), ConnectTimeout = TimeSpan.FromSeconds(3), CommandTimeout = TimeSpan.FromSeconds(30) },
        };
        foreach (var silo in _silos.Where(s => !s.HasExited))
        {
            options.Addresses.Add(silo.Edge);
        }
        return new RoutingClient(options);
    }

    public string Diagnostics() => string.Join(Environment.NewLine, _silos.Select((s, i) => $"--- silo {i} ({s.Edge}){Environment.NewLine}{s.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WriteCentreAsync(int salesAgents, int heldAgents)
    {
        SalesAgents = [.. Enumerable.Range(1, salesAgents).Select(i => $"s{i:00}")];
        HeldAgents = [.. Enumerable.Range(1, heldAgents).Select(i => $"h{i:00}")];
        var centre = new CentreConfiguration
        {
            Tenants =
            [
                new TenantConfiguration
                {
                    TenantId = Tenant,
                    // Offers lost with a silo time out; the agents should not be made not-ready for that.
                    NoAnswerThreshold = 100,
                    Queues =
                    [
                        Queue("sales"),
                        Queue("held"),
                    ],
                    Agents =
                    [
                        .. SalesAgents.Select(a => Agent(a, "sales")),
                        .. HeldAgents.Select(a => Agent(a, "held")),
                    ],
                },
                new TenantConfiguration
                {
                    TenantId = NeighbourTenant,
                    Queues =
                    [
                        Queue("sales"),
                        Queue("held"),
                    ],
                },
            ],
        };
        await File.WriteAllTextAsync(Path.Combine(_directory, "centre.json"), JsonSerializer.Serialize(centre, CentreConfigurationFile.SerializerOptions));
    }

    private static QueueDefinition Queue(string id) => new()
    {
        QueueId = id,
        RequiredSkills = [new SkillRequirement(id, 1)],
        WrapUpTime = TimeSpan.Zero,
        OfferTimeout = TimeSpan.FromSeconds(5),
        ReofferDelay = TimeSpan.Zero,
    };

    private static AgentDefinition Agent(string id, string skill) => new()
    {
        AgentId = id,
        Skills = [new SkillLevel(skill, 3)],
        Endpoint = $"sip:{id}@acme.example",
    };
}
