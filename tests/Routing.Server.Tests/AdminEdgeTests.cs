using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests;

[Collection(EdgeCollection.Name)]
public sealed class AdminEdgeTests(EdgeFixture fixture)
{
    private readonly AdminService.AdminServiceClient _client = new(fixture.Channel);

    [Fact]
    public async Task GetConfiguration_CentreTenant_ReturnsItsQueuesAndAgents()
    {
        var configuration = await _client.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As("acme", ["admin"]));
        Assert.Equal("acme", configuration.TenantId);
        Assert.Equal(["sales"], configuration.Queues.Select(q => q.QueueId));
        Assert.Equal(["ann", "bob"], configuration.Agents.Select(a => a.AgentId));
        Assert.Equal("sip:ann@acme.example", configuration.Agents[0].Endpoint);
    }

    [Fact]
    public async Task ApplyConfiguration_NewTenant_ThenReadBackTheSame()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var admin = fixture.As(tenant, ["admin"]);
        var configuration = Configuration(tenant);

        var result = await _client.ApplyConfigurationAsync(configuration, admin);
        Assert.Equal((1, 1), (result.Queues, result.Agents));

        var read = await _client.GetConfigurationAsync(new GetConfigurationRequest(), admin);
        Assert.Equal(TimeSpan.FromSeconds(20), read.Queues[0].OfferTimeout.ToTimeSpan());
        Assert.Equal(SelectionStrategy.MostSkilled, read.Queues[0].Strategy);
        Assert.Equal(TimeSpan.FromSeconds(30), read.Queues[0].WrapUpTime.ToTimeSpan());
        Assert.Equal(2, read.Agents[0].Capacity.Chat);
        Assert.Equal("Europe/Paris", read.TimeZone);
    }

    [Fact]
    public async Task ApplyConfiguration_InvalidTimer_IsInvalidArgumentAndChangesNothing()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var admin = fixture.As(tenant, ["admin"]);
        var configuration = Configuration(tenant);
        configuration.Queues[0].OfferTimeout = Duration.FromTimeSpan(TimeSpan.Zero);

        var e = await Assert.ThrowsAsync<RpcException>(() => _client.ApplyConfigurationAsync(configuration, admin).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("offer timeout", e.Status.Detail, StringComparison.Ordinal);
        var read = await Assert.ThrowsAsync<RpcException>(() => _client.GetConfigurationAsync(new GetConfigurationRequest(), admin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Apply_LargeCentreOver64KiB_AcceptedAndReadBack()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var configuration = Configuration(tenant);
        for (var i = 0; i < 3_000; i++)
        {
            configuration.Agents.Add(new AgentDefinition { AgentId = $"agent-{i:D5}", Name = $"Agent number {i}", Skills = { new SkillLevel { Skill = "support", Level = 3 } } });
        }
        Assert.True(configuration.CalculateSize() > 64 * 1024);
        var admin = new AdminService.AdminServiceClient(fixture.Channel);

        var applied = await admin.ApplyConfigurationAsync(configuration, fixture.As(tenant, ["admin"]));

        Assert.Equal(3_001, applied.Agents);
        Assert.Equal(3_001, (await admin.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As(tenant, ["admin"]))).Agents.Count);
    }

    [Fact]
    public async Task PutAgentAndQueue_AddOrReplaceOneItem_RestUnchanged()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var asAdmin = fixture.As(tenant, ["admin"]);
        await admin.ApplyConfigurationAsync(Configuration(tenant), asAdmin);

        var added = await admin.PutAgentAsync(new AgentDefinition { AgentId = "yves", Skills = { new SkillLevel { Skill = "support", Level = 2 } } }, asAdmin);
        Assert.Equal((1, 2), (added.Queues, added.Agents));
        var replaced = await admin.PutAgentAsync(new AgentDefinition { AgentId = "zoe", Skills = { new SkillLevel { Skill = "support", Level = 5 } } }, asAdmin);
        Assert.Equal(2, replaced.Agents);
        var queue = await admin.PutQueueAsync(new QueueDefinition { QueueId = "billing", Name = "Billing" }, asAdmin);
        Assert.Equal(2, queue.Queues);

        var read = await admin.GetConfigurationAsync(new GetConfigurationRequest(), asAdmin);
        Assert.Equal(["zoe", "yves"], read.Agents.Select(a => a.AgentId));
        Assert.Equal(5, read.Agents[0].Skills.Single().Level);
        Assert.Equal(["support", "billing"], read.Queues.Select(q => q.QueueId));
        Assert.Equal(TimeSpan.FromSeconds(20), read.Queues[0].OfferTimeout.ToTimeSpan());
    }

    [Fact]
    public async Task PutAgentAndQueue_Invalid_RefusedWithReasonAndNothingChanged()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var asAdmin = fixture.As(tenant, ["admin"]);

        var none = await Assert.ThrowsAsync<RpcException>(() => admin.PutQueueAsync(new QueueDefinition { QueueId = "support" }, asAdmin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        await admin.ApplyConfigurationAsync(Configuration(tenant), asAdmin);
        var before = await admin.GetConfigurationAsync(new GetConfigurationRequest(), asAdmin);

        var badQueue = await Assert.ThrowsAsync<RpcException>(() => admin.PutQueueAsync(new QueueDefinition { QueueId = "support", OfferTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(-5)) }, asAdmin).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badQueue.StatusCode);
        var unknownQueue = await Assert.ThrowsAsync<RpcException>(() => admin.PutAgentAsync(new AgentDefinition { AgentId = "yves", Queues = { "no-such-queue" } }, asAdmin).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, unknownQueue.StatusCode);
        Assert.Contains("no-such-queue", unknownQueue.Status.Detail, StringComparison.Ordinal);
        var gateway = await Assert.ThrowsAsync<RpcException>(() => admin.PutAgentAsync(new AgentDefinition { AgentId = "yves" }, fixture.As(tenant, ["gateway"])).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, gateway.StatusCode);

        Assert.Equal(before, await admin.GetConfigurationAsync(new GetConfigurationRequest(), asAdmin));
    }

    internal static TenantConfiguration Configuration(string tenant) => new()
    {
        TenantId = tenant,
        TimeZone = "Europe/Paris",
        Queues =
        {
            new QueueDefinition
            {
                QueueId = "support",
                Strategy = SelectionStrategy.MostSkilled,
                OfferTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(20)),
                RequiredSkills = { new SkillRequirement { Skill = "support", MinimumLevel = 2 } },
            },
        },
        Agents =
        {
            new AgentDefinition
            {
                AgentId = "zoe",
                Skills = { new SkillLevel { Skill = "support", Level = 4 } },
                Capacity = new ChannelCounts { Voice = 1, Chat = 2 },
            },
        },
    };
}
