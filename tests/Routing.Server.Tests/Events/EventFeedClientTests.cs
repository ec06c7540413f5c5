using System.Text.Json;
using Routing.Contracts.V1;
using Routing.Server.Tests.Cli;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Events;

/// <summary>The feed through Routing.Client and the <c>routing events</c> command line, fed by interactions made through the edge.</summary>
[Collection(EventFeedCollection.Name)]
public sealed class EventFeedClientTests(EventFeedFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InteractionCreatedThroughTheEdge_ArrivesInTheFeedAsQueued()
    {
        using var integration = Client("acme", "integration");
        using var gateway = Client("acme", "gateway");
        var from = await integration.Events.GetPositionAsync(Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, Cancel);
        FeedEvent? queued = null;
        await foreach (var stored in integration.Events.SubscribeAsync(from, ["routing.interaction.*"], timeout.Token))
        {
            if (stored.Subject == call.InteractionId)
            {
                queued = stored;
                break;
            }
        }

        Assert.NotNull(queued);
        Assert.Equal("routing.interaction.queued", queued.Type);
        Assert.True(queued.Position > from);
        Assert.Equal("sales", JsonDocument.Parse(queued.DataJson).RootElement.GetProperty("queueId").GetString());
    }

    [Fact]
    public async Task Cli_TailFromAPosition_PrintsTheEventsAfterIt_AsJsonLines()
    {
        var tenant = EventFeedFixture.NewTenant();
        await fixture.RecordEventsAsync(tenant, "i-9", 3);

        var (exit, output) = await CliRun.Routing(fixture.Address, fixture.SigningKey, "--tenant", tenant, "events", "tail", "--from", "1", "-n", "2", "--format", "json");
        var (positionExit, position) = await CliRun.Routing(fixture.Address, fixture.SigningKey, "--tenant", tenant, "events", "position");

        Assert.Equal((0, 0), (exit, positionExit));
        var lines = output.Trim().Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["2", "3"], lines.Select(line => line.GetProperty("position").GetString()));
        Assert.All(lines, line => Assert.Equal("i-9", line.GetProperty("subject").GetString()));
        Assert.Equal("3", position.Trim());
    }

    [Fact]
    public async Task Cli_TailTable_OneLinePerEvent()
    {
        var tenant = EventFeedFixture.NewTenant();
        await fixture.RecordEventsAsync(tenant, "i-7", 1);

        var (exit, output) = await CliRun.Routing(fixture.Address, fixture.SigningKey, "--tenant", tenant, "events", "tail", "-n", "1", "--type", "routing.interaction.*");

        Assert.Equal(0, exit);
        Assert.Contains($"tenant {tenant}", output, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+1\s+\S+ \S+Z\s+routing\.interaction\.queued\s+i-7\s+\{", output);
    }

    private Routing.Client.RoutingClient Client(string tenant, string role) => new(
        TestServer.ClientOptions(Routing.Contracts.Security.DevTokens.Mint(fixture.SigningKey, tenant, [role], null, TimeSpan.FromHours(1)), [fixture.Address]));
}
