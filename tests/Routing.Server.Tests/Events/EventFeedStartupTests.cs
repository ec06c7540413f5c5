using Grpc.Core;
using Grpc.Net.Client;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Events;

/// <summary>How the feed and webhooks start: settings validated at start-up, and no feed without history.</summary>
public sealed class EventFeedStartupTests
{
    [Theory]
    [InlineData("--Routing:Webhooks:MaxAttempts=0", "Routing:Webhooks:MaxAttempts")]
    [InlineData("--Routing:Edge:Events:PollInterval=00:00:00", "Routing:Edge:Events:PollInterval")]
    public async Task BadSetting_StopsStartUp_NamingIt(string setting, string named)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"routing-events-bad-{Guid.NewGuid():N}");
        var centreFile = await TestServer.WriteCentreAsync(directory);
        try
        {
            var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
                TestServer.StartAsync([$"--Routing:Edge:Auth:SigningKey=test-signing-key-{Guid.NewGuid():N}", setting], centreFile, 0, configureServices: null));

            Assert.Contains(named, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A server with history disabled has no feed: a clear FAILED_PRECONDITION, not an empty feed.</summary>
    [Fact]
    public async Task HistoryDisabled_FailedPrecondition()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"routing-events-off-{Guid.NewGuid():N}");
        var key = $"test-signing-key-{Guid.NewGuid():N}";
        var centreFile = await TestServer.WriteCentreAsync(directory);
        var (app, address, _, _) = await TestServer.StartAsync([$"--Routing:Edge:Auth:SigningKey={key}", "--History:Enabled=false"], centreFile, 0, configureServices: null);
        var channel = GrpcChannel.ForAddress(address);
        try
        {
            var feed = new EventFeedService.EventFeedServiceClient(channel);
            var options = EdgeFixture.WithToken(DevTokens.Mint(key, "acme", [EdgeRoles.Integration], null, TimeSpan.FromHours(1)));

            var e = await Assert.ThrowsAsync<RpcException>(() => feed.GetPositionAsync(new GetFeedPositionRequest(), options).ResponseAsync);

            Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
            Assert.Contains("History:Enabled", e.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await TestServer.StopAsync(app, channel, directory);
        }
    }
}
