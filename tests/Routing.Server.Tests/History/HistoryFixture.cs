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

    /// <summary>The one tenant the server has a personal data key for (History:PersonalData:Keys), under key id "k1".</summary>
    public const string KeyedTenant = "pii-keyed";

    /// <summary>That tenant's key (32 random bytes, base64).</summary>
    public string PersonalDataKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Uri Address { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public ControlledRecorder Recorder => Services.GetRequiredService<ControlledRecorder>();

    public IHistoryStore Store => Services.GetRequiredService<IHistoryStore>();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        string[] settings =
        [
            $"--Routing:Edge:Auth:SigningKey={SigningKey}",
            $"--History:PersonalData:Keys:{KeyedTenant}:0:Id=k1",
            $"--History:PersonalData:Keys:{KeyedTenant}:0:Key={PersonalDataKey}",
        ];
        (_app, Address, _, _) = await TestServer.StartAsync(settings, centreFile, 0, services =>
        {
            services.AddSingleton(provider => new ControlledRecorder(provider.GetRequiredService<HistoryRecorder>()));
            services.AddSingleton<IHistoryRecorder>(provider => provider.GetRequiredService<ControlledRecorder>());
        });
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async ValueTask DisposeAsync() => await TestServer.StopAsync(_app, Channel, _directory);

    /// <summary>A new tenant with queue "care" (a minute's wrap-up) and agents "wes" and "zoe".</summary>
    public Task<string> NewTenantAsync() => NewTenantAsync($"h-{Guid.NewGuid():N}"[..20], _ => { });

    /// <summary>The same configuration for <paramref name="tenant"/>, changed by <paramref name="configure"/> before it is applied.</summary>
    public async Task<string> NewTenantAsync(string tenant, Action<TenantConfiguration> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
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
        configure(centre);
        await new AdminService.AdminServiceClient(Channel).ApplyConfigurationAsync(centre, EdgeFixture.WithToken(Token(tenant, ["admin"])));
        return tenant;
    }

    public string Token(string tenant, string[] roles, string? agentId = null, string? subject = null, params string[] permissions) =>
        DevTokens.Mint(SigningKey, tenant, roles, agentId, TimeSpan.FromHours(1), subject, permissions);

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
