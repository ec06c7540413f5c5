using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Routing.Client;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.History;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.History;

/// <summary>
/// A server of the history tests' own, keeping history in its own SQLite file, with its recorder behind a
/// <see cref="ControlledRecorder"/>. Each test applies a tenant of its own, so it counts only its own rows.
/// </summary>
public sealed class HistoryFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-history-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    public Uri Address { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public ControlledRecorder Recorder => Services.GetRequiredService<ControlledRecorder>();

    public IHistoryStore Store => Services.GetRequiredService<IHistoryStore>();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        (_app, Address, _, _) = await TestServer.StartAsync([$"--Routing:Edge:Auth:SigningKey={SigningKey}"], centreFile, 0, services =>
        {
            services.AddSingleton(provider => new ControlledRecorder(provider.GetRequiredService<HistoryRecorder>()));
            services.AddSingleton<IHistoryRecorder>(provider => provider.GetRequiredService<ControlledRecorder>());
        });
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async ValueTask DisposeAsync() => await TestServer.StopAsync(_app, Channel, _directory);

    /// <summary>A new tenant with queue "care" (a minute's wrap-up) and agents "wes" and "zoe".</summary>
    public async Task<string> NewTenantAsync()
    {
        var tenant = $"h-{Guid.NewGuid():N}"[..20];
        var centre = new TenantConfiguration
        {
            TenantId = tenant,
            Queues = { new QueueDefinition { QueueId = "care", Client = "acme-insurance", RequiredSkills = { new SkillRequirement { Skill = "care", MinimumLevel = 1 } }, WrapUpTime = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(1)) } },
            Agents =
            {
                new AgentDefinition { AgentId = "wes", Skills = { new SkillLevel { Skill = "care", Level = 3 } } },
                new AgentDefinition { AgentId = "zoe", Skills = { new SkillLevel { Skill = "care", Level = 3 } } },
            },
        };
        await new AdminService.AdminServiceClient(Channel).ApplyConfigurationAsync(centre, EdgeFixture.WithToken(Token(tenant, ["admin"])));
        return tenant;
    }

    public string Token(string tenant, string[] roles, string? agentId = null, string? subject = null) =>
        DevTokens.Mint(SigningKey, tenant, roles, agentId, TimeSpan.FromHours(1), subject);

    public RoutingClient Client(string tenant, string[] roles, string? agentId = null, string? subject = null) =>
        new(TestServer.ClientOptions(Token(tenant, roles, agentId, subject), [Address]));

    /// <summary>Waits until everything recorded so far is written (failing the test after 30 s).</summary>
    public async Task FlushAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        await Recorder.FlushAsync(deadline.Token);
    }
}

[CollectionDefinition(Name)]
public sealed class HistoryCollection : ICollectionFixture<HistoryFixture>
{
    public const string Name = "history";
}
