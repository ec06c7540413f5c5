using System.Globalization;
using Routing.Contracts.V1;
using Routing.Server.Tests.Cli;

namespace Routing.Server.Tests.History;

/// <summary><c>routing history purge</c> and the personal data permission of minted tokens, against the real server.</summary>
[Collection(HistoryCollection.Name)]
public sealed class HistoryCommandTests(HistoryFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Purge_Before_DeletesTheTenantsHistory_AndPrintsRowsPerTable()
    {
        var tenant = await fixture.NewTenantAsync();
        using (var gateway = fixture.Client(tenant, ["gateway"]))
        {
            await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care" }, Cancel);
        }
        await fixture.FlushAsync();
        var before = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

        var (exit, output) = await Run("history", "purge", "--before", before, "--tenant", tenant);

        Assert.Equal(0, exit);
        Assert.Contains("interaction_events", output, StringComparison.Ordinal);
        Assert.Equal(new Routing.History.HistoryCounts(0, 0, 0, 0, 0), await fixture.Store.CountAsync(tenant, Cancel));
    }

    [Fact]
    public async Task SearchByNumber_NeedsThePermission_WhichMintedTokensCarryOnRequest()
    {
        // The tenant the server has a key for: without one a search by number is refused as impossible.
        var tenant = await fixture.NewTenantAsync(HistoryFixture.KeyedTenant, _ => { });
        string[] search = ["report", "search", "--from", DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
            "--to", DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture), "--customer-number", "+442079460123", "--tenant", tenant];

        var denied = await Run(search);
        var permitted = await Run([.. search, "--permission", "personal-data.read"]);

        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("PermissionDenied", denied.Output, StringComparison.Ordinal);
        Assert.Equal(0, permitted.ExitCode);
    }

    private Task<(int ExitCode, string Output)> Run(params string[] args) => CliRun.Routing(fixture.Address, fixture.SigningKey, args);
}
