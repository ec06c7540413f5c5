using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Events;

namespace Routing.Server.Tests.Webhooks;

/// <summary>WebhookService refuses bad input with the right status and stores nothing.</summary>
[Collection(EventFeedCollection.Name)]
public sealed class WebhookBadInputTests(EventFeedFixture fixture)
{
    private readonly WebhookService.WebhookServiceClient _webhooks = new(fixture.Channel);

    [Theory]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("/relative/hook")]
    [InlineData("http://user:secret@127.0.0.1/hook")]
    [InlineData("")]
    public async Task TargetUrl_NotAbsoluteHttp_InvalidArgument_NothingStored(string url)
    {
        var tenant = EventFeedFixture.NewTenant();

        var e = await RefusedAsync(new CreateWebhookRequest { TargetUrl = url }, tenant);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("target_url", e.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await _webhooks.ListWebhooksAsync(new ListWebhooksRequest(), fixture.As(tenant, "admin"))).Webhooks);
    }

    [Fact]
    public async Task MalformedSecret_InvalidArgument()
    {
        var e = await RefusedAsync(new CreateWebhookRequest { TargetUrl = "http://127.0.0.1:9/hook", Secret = "hunter2" }, EventFeedFixture.NewTenant());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("whsec_", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedTypePattern_InvalidArgument()
    {
        var e = await RefusedAsync(new CreateWebhookRequest { TargetUrl = "http://127.0.0.1:9/hook", TypePatterns = { "routing.*.answered" } }, EventFeedFixture.NewTenant());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task FromPositionBeyondTheFeed_OutOfRange()
    {
        var e = await RefusedAsync(new CreateWebhookRequest { TargetUrl = "http://127.0.0.1:9/hook", FromPosition = 10 }, EventFeedFixture.NewTenant());

        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("integration")]
    public async Task NotAdmin_PermissionDenied(string role)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _webhooks.CreateWebhookAsync(new CreateWebhookRequest { TargetUrl = "http://127.0.0.1:9/hook" }, fixture.As(EventFeedFixture.NewTenant(), role)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task NoToken_Unauthenticated()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _webhooks.ListWebhooksAsync(new ListWebhooksRequest(), Infrastructure.EdgeFixture.WithToken(null)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task OtherTenantsWebhook_NotFound_AndUntouched()
    {
        var (acme, globex) = (EventFeedFixture.NewTenant(), EventFeedFixture.NewTenant());
        var webhook = await _webhooks.CreateWebhookAsync(new CreateWebhookRequest { TargetUrl = "http://127.0.0.1:9/hook" }, fixture.As(acme, "admin"));

        var delete = await Assert.ThrowsAsync<RpcException>(() =>
            _webhooks.DeleteWebhookAsync(new DeleteWebhookRequest { WebhookId = webhook.WebhookId }, fixture.As(globex, "admin")).ResponseAsync);
        var deadLetters = await Assert.ThrowsAsync<RpcException>(() =>
            _webhooks.ListDeadLettersAsync(new ListDeadLettersRequest { WebhookId = webhook.WebhookId }, fixture.As(globex, "admin")).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (delete.StatusCode, deadLetters.StatusCode));
        Assert.Empty((await _webhooks.ListWebhooksAsync(new ListWebhooksRequest(), fixture.As(globex, "admin"))).Webhooks);
        Assert.Single((await _webhooks.ListWebhooksAsync(new ListWebhooksRequest(), fixture.As(acme, "admin"))).Webhooks);
        await _webhooks.DeleteWebhookAsync(new DeleteWebhookRequest { WebhookId = webhook.WebhookId }, fixture.As(acme, "admin"));
    }

    [Fact]
    public async Task MalformedWebhookId_InvalidArgument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _webhooks.ReplayDeadLettersAsync(new ReplayDeadLettersRequest { WebhookId = "" }, fixture.As(EventFeedFixture.NewTenant(), "admin")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    private async Task<RpcException> RefusedAsync(CreateWebhookRequest request, string tenant) =>
        await Assert.ThrowsAsync<RpcException>(() => _webhooks.CreateWebhookAsync(request, fixture.As(tenant, "admin")).ResponseAsync);
}
