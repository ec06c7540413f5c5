using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.Admin;

/// <summary>Applying a configuration at the limits finishes within bounded time and memory, and an apply cut
/// short is stored as pending (never as "no configuration") and completed by applying it again.</summary>
public sealed class ConfigurationApplyTests(ConfigurationApplyServer server) : IClassFixture<ConfigurationApplyServer>
{
    private const int Queues = 2_000;
    private const int Agents = 5_000;
    /// <summary>Skill groups: a queue requires its group's skill, an agent has one group's skill, so each agent
    /// meets <see cref="Queues"/> / SkillGroups queues.</summary>
    private const int SkillGroups = Queues / Abstractions.Configuration.TenantConfiguration.MaxQueuesPerAgent;

    private readonly AdminService.AdminServiceClient _admin = new(server.Channel);

    [Fact]
    public async Task ApplyConfiguration_EveryAgentInEveryQueue_RefusedAtOnceAndNothingChanged()
    {
        var tenant = NewTenant();
        // No required skills and no queue lists: each of the 5,000 agents serves all 2,000 queues.
        var configuration = Configuration(tenant, Queues, Agents, skillGroups: 0);

        var refused = await Assert.ThrowsAsync<RpcException>(() => _admin.ApplyConfigurationAsync(configuration, server.Admin(tenant, TimeSpan.FromSeconds(30))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("5000 agent(s) serve more than 100 queues", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("10,000,000 queue places in all (at most 500,000)", refused.Status.Detail, StringComparison.Ordinal);
        var read = await Assert.ThrowsAsync<RpcException>(() => _admin.GetConfigurationAsync(new GetConfigurationRequest(), server.Admin(tenant, TimeSpan.FromSeconds(10))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public Task ApplyConfiguration_MostQueuePlacesAllowed_CompletesServerHealthyAndReadBackMatches() =>
        // 2,000 queues, 5,000 agents each in 100 queues: 500,000 agent-queue pairs, the tenant limit.
        ApplyAtTheLimits(Queues, Agents, SkillGroups, maxHeapGrowthMiB: 1_024);

    [Fact, Trait("Category", "Stress")]
    public Task ApplyConfiguration_MostAgentsAllowed_CompletesServerHealthyAndReadBackMatches() =>
        // 2,000 queues, 200,000 agents in 2 or 3 queues each (800 skill groups): 500,000 agent-queue pairs.
        ApplyAtTheLimits(Queues, Abstractions.Configuration.TenantConfiguration.MaxAgents, skillGroups: 800, maxHeapGrowthMiB: 4_096);

    private async Task ApplyAtTheLimits(int queues, int agents, int skillGroups, long maxHeapGrowthMiB)
    {
        var tenant = NewTenant();
        var configuration = Configuration(tenant, queues, agents, skillGroups);
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();

        var applied = await _admin.ApplyConfigurationAsync(configuration, server.Admin(tenant, TimeSpan.FromMinutes(5)));

        watch.Stop();
        var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64;
        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        var figures = $"apply of {queues:N0} queues x {agents:N0} agents ({configuration.CalculateSize():N0} bytes): "
            + $"{watch.Elapsed.TotalSeconds:F1} s; managed heap {managedBefore >> 20} -> {managedAfter >> 20} MiB after a full collection; "
            + $"working set {workingSetBefore >> 20} -> {process.WorkingSet64 >> 20} MiB (peak {peak >> 20} MiB)";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "apply-figures.txt"), figures + Environment.NewLine, TestContext.Current.CancellationToken);
        Assert.Equal((queues, agents), (applied.Queues, applied.Agents));
        var health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var read = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), server.Admin(tenant, TimeSpan.FromSeconds(30)));
        Assert.False(read.ApplyPending);
        Assert.Equal(configuration.Queues.Select(q => q.QueueId), read.Queues.Select(q => q.QueueId));
        Assert.Equal(configuration.Agents.Select(a => a.AgentId), read.Agents.Select(a => a.AgentId));
        // What the grains hold stays within what a silo carries (the unbounded apply grew it by gigabytes).
        Assert.True(managedAfter - managedBefore < maxHeapGrowthMiB << 20, $"managed heap grew by {(managedAfter - managedBefore) >> 20} MiB");
    }

    [Fact]
    public async Task ApplyConfiguration_CallInsideFails_StoredAsPendingAndApplyingAgainCompletesIt()
    {
        var tenant = NewTenant();
        await _admin.ApplyConfigurationAsync(Configuration(tenant, queues: 2, agents: 2, skillGroups: 1), server.Admin(tenant, TimeSpan.FromSeconds(30)));
        var larger = Configuration(tenant, queues: 3, agents: 50, skillGroups: 1);
        server.FailingConfigures[$"{tenant}/agent-00042"] = true;

        var failed = await Assert.ThrowsAsync<RpcException>(() => _admin.ApplyConfigurationAsync(larger, server.Admin(tenant, TimeSpan.FromSeconds(30))).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, failed.StatusCode);
        Assert.Contains("applied in part and stored as pending", failed.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("apply the same configuration again to complete it", failed.Status.Detail, StringComparison.Ordinal);
        var pending = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), server.Admin(tenant, TimeSpan.FromSeconds(10)));
        Assert.True(pending.ApplyPending);
        Assert.Equal(50, pending.Agents.Count);
        Assert.Equal(3, pending.Queues.Count);

        server.FailingConfigures.Clear();
        var completed = await _admin.ApplyConfigurationAsync(larger, server.Admin(tenant, TimeSpan.FromSeconds(30)));

        Assert.Equal((3, 50), (completed.Queues, completed.Agents));
        var read = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), server.Admin(tenant, TimeSpan.FromSeconds(10)));
        Assert.False(read.ApplyPending);
        Assert.Equal(larger.Agents.Select(a => a.AgentId), read.Agents.Select(a => a.AgentId));
    }

    [Fact]
    public async Task GetConfiguration_WhileAnApplyRuns_AnswersAtOnceWithItPending()
    {
        var tenant = NewTenant();
        var configuration = Configuration(tenant, queues: 2, agents: 10, skillGroups: 1);
        var gate = server.HeldConfigures[$"{tenant}/agent-00007"] = new ConfigureGate();
        var apply = _admin.ApplyConfigurationAsync(configuration, server.Admin(tenant, TimeSpan.FromSeconds(30))).ResponseAsync;
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        var during = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), server.Admin(tenant, TimeSpan.FromSeconds(5)));

        Assert.True(during.ApplyPending);
        Assert.Equal(10, during.Agents.Count);
        gate.Open();
        await apply;
        Assert.False((await _admin.GetConfigurationAsync(new GetConfigurationRequest(), server.Admin(tenant, TimeSpan.FromSeconds(5)))).ApplyPending);
    }

    [Fact]
    public async Task ApplyConfiguration_OtherOneAfterAnInterruptedApply_RetiresWhatTheInterruptedOneAdded()
    {
        var tenant = NewTenant();
        var first = Configuration(tenant, queues: 1, agents: 2, skillGroups: 1);
        await _admin.ApplyConfigurationAsync(first, server.Admin(tenant, TimeSpan.FromSeconds(30)));
        server.FailingConfigures[$"{tenant}/agent-00003"] = true;
        await Assert.ThrowsAsync<RpcException>(() => _admin.ApplyConfigurationAsync(Configuration(tenant, queues: 2, agents: 4, skillGroups: 1), server.Admin(tenant, TimeSpan.FromSeconds(30))).ResponseAsync);
        server.FailingConfigures.Clear();

        await _admin.ApplyConfigurationAsync(first, server.Admin(tenant, TimeSpan.FromSeconds(30)));

        // Queue q0001 existed only in the interrupted configuration, yet it was live: now it is retired.
        var gateway = new InteractionService.InteractionServiceClient(server.Channel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => gateway.CreateAsync(
            new CreateInteractionRequest { InteractionId = $"call-{Guid.NewGuid():N}", QueueId = "q0001" },
            server.As(tenant, Contracts.Security.EdgeRoles.Gateway, TimeSpan.FromSeconds(10))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        var read = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), server.Admin(tenant, TimeSpan.FromSeconds(10)));
        Assert.False(read.ApplyPending);
        Assert.Equal(["q0000"], read.Queues.Select(q => q.QueueId));
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..20];

    /// <summary>Queues "q0000"… and agents "agent-00000"…; with <paramref name="skillGroups"/> &gt; 0 queue q
    /// requires skill "group-(q mod groups)" and agent a has "group-(a mod groups)"; with 0, nothing is required.</summary>
    private static TenantConfiguration Configuration(string tenant, int queues, int agents, int skillGroups)
    {
        var configuration = new TenantConfiguration { TenantId = tenant };
        for (var q = 0; q < queues; q++)
        {
            var queue = new QueueDefinition { QueueId = $"q{q:D4}" };
            if (skillGroups > 0)
            {
                queue.RequiredSkills.Add(new SkillRequirement { Skill = $"group-{q % skillGroups}", MinimumLevel = 1 });
            }
            configuration.Queues.Add(queue);
        }
        for (var a = 0; a < agents; a++)
        {
            var agent = new AgentDefinition { AgentId = $"agent-{a:D5}" };
            if (skillGroups > 0)
            {
                agent.Skills.Add(new SkillLevel { Skill = $"group-{a % skillGroups}", Level = 3 });
            }
            configuration.Agents.Add(agent);
        }
        return configuration;
    }
}
