using Grpc.Core;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>Looking up ids that do not exist answers NOT_FOUND and leaves no grain activation behind.</summary>
[Collection(EdgeCollection.Name)]
public sealed class UnknownInteractionTests(EdgeFixture fixture)
{
    /// <summary>Spread over callers so the test server's rate limit (a burst of 100 per caller) never refuses one.</summary>
    private const int Callers = 4;
    private const int GetsPerCaller = 50;

    private readonly InteractionService.InteractionServiceClient _interactions = new(fixture.Channel);
    private readonly AdminService.AdminServiceClient _admin = new(fixture.Channel);

    [Fact]
    public async Task Get_ManyUnknownIds_NotFoundAndNoActivationsLeft()
    {
        var before = await InteractionActivations();

        for (var caller = 0; caller < Callers; caller++)
        {
            var gateway = EdgeFixture.WithToken(DevTokens.Mint(
                fixture.SigningKey, "acme", ["gateway"], null, TimeSpan.FromHours(1), subject: $"unknown-ids-{Guid.NewGuid():N}"));
            await Task.WhenAll(Enumerable.Range(0, GetsPerCaller).Select(async _ =>
            {
                var e = await Assert.ThrowsAsync<RpcException>(() =>
                    _interactions.GetAsync(new GetInteractionRequest { InteractionId = $"unknown-{Guid.NewGuid():N}" }, gateway).ResponseAsync);
                Assert.Equal(StatusCode.NotFound, e.StatusCode);
            }));
        }

        // Deactivation follows each answer; wait for it with a deadline that fails the test.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var after = await InteractionActivations();
        while (after > before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            after = await InteractionActivations();
        }
        Assert.True(after <= before, $"{after - before} of {Callers * GetsPerCaller} unknown-id activations are still there");
    }

    private async Task<int> InteractionActivations()
    {
        var admin = EdgeFixture.WithToken(DevTokens.Mint(
            fixture.SigningKey, "acme", ["admin"], null, TimeSpan.FromHours(1), subject: $"status-{Guid.NewGuid():N}"));
        var status = await _admin.GetClusterStatusAsync(new GetClusterStatusRequest(), admin);
        return status.Silos.Sum(s => s.Interactions);
    }
}
