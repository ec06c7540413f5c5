using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Core;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>Every name has a documented bound; an over-long one is refused with a short message and changes nothing.</summary>
[Collection(EdgeCollection.Name)]
public sealed class NameBoundsTests(EdgeFixture fixture)
{
    /// <summary>An error message about an over-long value names it by its first characters only.</summary>
    private const int ShortMessage = 400;

    private readonly AdminService.AdminServiceClient _admin = new(fixture.Channel);

    private CallOptions Admin => fixture.As("acme", ["admin"]);

    [Fact]
    public async Task PutQueue_SixtyThousandCharacterName_IsInvalidArgumentAndChangesNothing()
    {
        var queueId = $"q-{Guid.NewGuid():N}";
        var queue = new QueueDefinition { QueueId = queueId, Name = new string('n', 60_000) };

        var e = await AssertRefused(_admin.PutQueueAsync(queue, Admin));

        Assert.Contains($"at most {TextLimits.MaxNameLength}", e.Status.Detail, StringComparison.Ordinal);
        var configuration = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), Admin);
        Assert.DoesNotContain(configuration.Queues, q => q.QueueId == queueId);
    }

    [Fact]
    public async Task PutQueue_SixtyThousandCharacterId_IsInvalidArgumentWithShortMessage()
    {
        var queue = new QueueDefinition { QueueId = new string('q', 60_000), RequiredSkills = { new Routing.Contracts.V1.SkillRequirement { Skill = "sales", MinimumLevel = 9 } } };

        var e = await AssertRefused(_admin.PutQueueAsync(queue, Admin));

        Assert.Contains($"longer than {EntityId.MaxLength}", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAgent_OverLongNameAndQueue_IsInvalidArgument()
    {
        var agent = new AgentDefinition { AgentId = $"a-{Guid.NewGuid():N}", Name = new string('n', TextLimits.MaxNameLength + 1), Queues = { new string('q', 10_000) } };

        var e = await AssertRefused(_admin.PutAgentAsync(agent, Admin));

        Assert.Contains("name", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("queue id", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyConfiguration_MegabyteTenantNameAndTimeZone_IsInvalidArgumentAndChangesNothing()
    {
        var before = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), Admin);
        var changed = before.Clone();
        changed.Name = new string('t', 1_000_000);
        changed.TimeZone = new string('z', 100_000);

        var e = await AssertRefused(_admin.ApplyConfigurationAsync(changed, Admin));

        Assert.Contains("tenant name", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("time zone", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await _admin.GetConfigurationAsync(new GetConfigurationRequest(), Admin));
    }

    [Fact]
    public async Task ApplyConfiguration_MegabyteTenantId_IsInvalidArgumentWithShortMessage()
    {
        var configuration = new TenantConfiguration { TenantId = new string('t', 1_000_000) };

        await AssertRefused(_admin.ApplyConfigurationAsync(configuration, Admin));
    }

    private static async Task<RpcException> AssertRefused<T>(AsyncUnaryCall<T> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.True(e.Status.Detail.Length < ShortMessage, $"{e.Status.Detail.Length} characters: {e.Status.Detail[..Math.Min(200, e.Status.Detail.Length)]}");
        return e;
    }
}
