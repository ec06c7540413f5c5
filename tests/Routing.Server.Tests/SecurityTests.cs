using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Routing.Abstractions;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests;

/// <summary>One test per class of bad request: each checks the status code and that nothing changed.</summary>
[Collection(EdgeCollection.Name)]
public sealed class SecurityTests(EdgeFixture fixture)
{
    private readonly InteractionService.InteractionServiceClient _client = new(fixture.Channel);

    private CallOptions Gateway => fixture.As("acme", ["gateway"]);

    [Fact]
    public async Task Create_NoToken_IsUnauthenticatedAndCreatesNothing()
    {
        var id = NewId();
        await AssertStatus(StatusCode.Unauthenticated, _client.CreateAsync(Request(id), EdgeFixture.WithToken(null)));
        await AssertAbsent(id);
    }

    [Fact]
    public async Task Create_TokenWithWrongSignature_IsUnauthenticatedAndCreatesNothing()
    {
        var id = NewId();
        var forged = DevTokens.Mint($"another-key-{Guid.NewGuid():N}", "acme", ["gateway"], null, TimeSpan.FromHours(1));
        await AssertStatus(StatusCode.Unauthenticated, _client.CreateAsync(Request(id), EdgeFixture.WithToken(forged)));
        await AssertAbsent(id);
    }

    [Fact]
    public async Task Create_ExpiredToken_IsUnauthenticatedAndCreatesNothing()
    {
        var id = NewId();
        var expired = DevTokens.Mint(fixture.SigningKey, "acme", ["gateway"], null, TimeSpan.FromHours(-1));
        await AssertStatus(StatusCode.Unauthenticated, _client.CreateAsync(Request(id), EdgeFixture.WithToken(expired)));
        await AssertAbsent(id);
    }

    [Fact]
    public async Task Create_AgentRole_IsPermissionDeniedAndCreatesNothing()
    {
        var id = NewId();
        await AssertStatus(StatusCode.PermissionDenied, _client.CreateAsync(Request(id), fixture.As("acme", ["agent"], "ann")));
        await AssertAbsent(id);
    }

    [Fact]
    public async Task ApplyConfiguration_SupervisorRole_IsPermissionDeniedAndChangesNothing()
    {
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var before = await admin.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As("globex", ["admin"]));
        var changed = before.Clone();
        changed.Queues.Clear();
        await AssertStatus(StatusCode.PermissionDenied, admin.ApplyConfigurationAsync(changed, fixture.As("globex", ["supervisor"])));
        Assert.Equal(before, await admin.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As("globex", ["admin"])));
    }

    [Fact]
    public async Task ApplyConfiguration_OtherTenant_IsPermissionDeniedAndChangesNothing()
    {
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var before = await admin.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As("globex", ["admin"]));
        var changed = before.Clone();
        changed.Queues.Clear();
        await AssertStatus(StatusCode.PermissionDenied, admin.ApplyConfigurationAsync(changed, fixture.As("acme", ["admin"])));
        Assert.Equal(before, await admin.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As("globex", ["admin"])));
    }

    [Fact]
    public async Task GetAndHangup_InteractionOfOtherTenant_IsNotFoundAndChangesNothing()
    {
        var id = NewId();
        await _client.CreateAsync(Request(id), Gateway);
        var globex = fixture.As("globex", ["gateway"]);

        await AssertStatus(StatusCode.NotFound, _client.GetAsync(new GetInteractionRequest { InteractionId = id }, globex));
        await AssertStatus(StatusCode.NotFound, _client.HangupAsync(new HangupRequest { InteractionId = id }, globex));
        Assert.Equal(InteractionStatus.Queued, (await _client.GetAsync(new GetInteractionRequest { InteractionId = id }, Gateway)).Status);
        await _client.HangupAsync(new HangupRequest { InteractionId = id }, Gateway);
    }

    [Fact]
    public async Task Requests_MalformedIds_AreInvalidArgumentAndCreateNothing()
    {
        await AssertStatus(StatusCode.InvalidArgument, _client.GetAsync(new GetInteractionRequest { InteractionId = "acme/../x" }, Gateway));
        await AssertStatus(StatusCode.InvalidArgument, _client.CreateAsync(Request("has space"), Gateway));
        var id = NewId();
        var badQueue = Request(id);
        badQueue.QueueId = "sales/../admin";
        var e = await AssertStatus(StatusCode.InvalidArgument, _client.CreateAsync(badQueue, Gateway));
        Assert.Contains("queue id", e.Status.Detail, StringComparison.Ordinal);
        await AssertAbsent(id);
    }

    [Fact]
    public async Task Create_UnknownQueue_IsNotFoundAndCreatesNothing()
    {
        var id = NewId();
        var request = Request(id);
        request.QueueId = "no-such-queue";
        await AssertStatus(StatusCode.NotFound, _client.CreateAsync(request, Gateway));
        await AssertAbsent(id);
    }

    [Fact]
    public async Task Create_MessageOver64KiB_IsResourceExhaustedAndCreatesNothing()
    {
        var id = NewId();
        var request = Request(id);
        request.Attributes["notes"] = new string('x', 70 * 1024);
        await AssertStatus(StatusCode.ResourceExhausted, _client.CreateAsync(request, Gateway));
        await AssertAbsent(id);
    }

    [Fact]
    public async Task Create_OverRateLimit_IsResourceExhaustedAndRefusedCallsCreateNothing()
    {
        // A subject of its own, so the burst does not slow down the other tests' callers.
        var token = DevTokens.Mint(fixture.SigningKey, "globex", ["gateway"], null, TimeSpan.FromHours(1), $"burst-{Guid.NewGuid():N}");
        var ids = Enumerable.Range(0, EdgeFixture.RateLimitBurst * 3).Select(_ => NewId()).ToList();
        var calls = ids.Select(async id =>
        {
            try
            {
                await _client.CreateAsync(Request(id), EdgeFixture.WithToken(token));
                return (id, StatusCode.OK);
            }
            catch (RpcException e)
            {
                return (id, e.StatusCode);
            }
        });
        var results = await Task.WhenAll(calls);

        var refused = results.Where(r => r.Item2 != StatusCode.OK).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(StatusCode.ResourceExhausted, r.Item2));
        // Checked and cleaned up on the grains directly: through the edge these calls would be limited too.
        var grains = fixture.Services.GetRequiredService<IGrainFactory>();
        foreach (var (id, _) in refused)
        {
            Assert.Equal(Routing.Core.InteractionStatus.None, (await grains.Interaction("globex", id).GetSnapshot()).Status);
        }
        await Task.WhenAll(results.Where(r => r.Item2 == StatusCode.OK).Select(r => grains.Interaction("globex", r.id).Hangup()));
    }

    private static string NewId() => $"call-{Guid.NewGuid():N}";

    private static CreateInteractionRequest Request(string id) => new() { InteractionId = id, QueueId = "sales" };

    private async Task AssertAbsent(string id) =>
        await AssertStatus(StatusCode.NotFound, _client.GetAsync(new GetInteractionRequest { InteractionId = id }, fixture.As("acme", ["admin"])));

    private static async Task<RpcException> AssertStatus<T>(StatusCode expected, AsyncUnaryCall<T> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(expected, e.StatusCode);
        return e;
    }
}
