using System.Text.Json;
using Routing.Server.Tests.Cli;
using Routing.Server.Tests.Events;

namespace Routing.Server.Tests.Webhooks;

/// <summary><c>routing webhooks …</c> against the real server and receiver.</summary>
[Collection(EventFeedCollection.Name)]
public sealed class WebhookCommandTests(EventFeedFixture fixture)
{
    [Fact]
    public async Task CreateListDeadLettersDelete_ThroughTheCommandLine()
    {
        var (tenant, name) = (EventFeedFixture.NewTenant(), Guid.NewGuid().ToString("N"));
        var url = fixture.Receiver!.Endpoint(name).ToString();

        var (createExit, created) = await Run(tenant, "webhooks", "create", url, "--type", "routing.interaction.*");
        var parts = created.Trim().Split(' ');
        fixture.Receiver.Trust(name, parts[1]);
        await fixture.RecordEventsAsync(tenant, "i-1", 1);
        var received = await fixture.Receiver.NextAsync(name);
        var (listExit, listed) = await Run(tenant, "webhooks", "list", "--format", "json");
        var (deadExit, deadLetters) = await Run(tenant, "webhooks", "dead-letters", parts[0], "--format", "csv");
        var (deleteExit, deleted) = await Run(tenant, "webhooks", "delete", parts[0]);
        var (missingExit, missing) = await Run(tenant, "webhooks", "replay", parts[0]);

        Assert.Equal((0, 0, 0, 0), (createExit, listExit, deadExit, deleteExit));
        Assert.StartsWith("wh_", parts[0], StringComparison.Ordinal);
        Assert.True(received.SignatureValid);
        var webhook = Assert.Single(JsonDocument.Parse(listed).RootElement.GetProperty("webhooks").EnumerateArray());
        Assert.Equal((parts[0], url, ""), (webhook.GetProperty("webhookId").GetString(), webhook.GetProperty("targetUrl").GetString(), webhook.GetProperty("secret").GetString()));
        Assert.Equal("Position,Type,Subject,Tries,Status,Error,Failed at", deadLetters.Trim());
        Assert.Contains(parts[0], deleted, StringComparison.Ordinal);
        Assert.NotEqual(0, missingExit);
        Assert.Contains("NotFound", missing, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> Run(string tenant, params string[] args) =>
        CliRun.Routing(fixture.Address, fixture.SigningKey, ["--tenant", tenant, .. args]);
}
