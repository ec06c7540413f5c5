using Routing.Core;
using Routing.History.Reports;
using Routing.History.Tests.Infrastructure;
using static Routing.History.Tests.Reports.ReportFacts;

namespace Routing.History.Tests.Reports;

/// <summary>Interaction search on both providers: each filter, newest first, and pages that neither skip nor repeat.</summary>
public sealed class SearchTests(HistoryDatabases databases)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Filters_EachNarrowsTheResults(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(
        [
            Answered(tenant, "a1", "sales", Start, TimeSpan.FromSeconds(5), agent: "ann", disposition: "sold", customer: "c-1"),
            Answered(tenant, "a2", "sales", Start.AddMinutes(1), TimeSpan.FromSeconds(5), agent: "cid", disposition: "no-sale", customer: "c-2"),
            Unanswered(tenant, "a3", "billing", Start.AddMinutes(2), TimeSpan.FromSeconds(40)),
            Transferred(tenant, "a4", "sales", "billing", Start.AddMinutes(3)),
            Answered(tenant, "late", "sales", Start.AddDays(1), TimeSpan.FromSeconds(5)),
            Answered(Facts.NewTenant(), "a1", "sales", Start, TimeSpan.FromSeconds(5)),
        ]), _cancellation);
        var all = new InteractionSearch { TenantId = tenant, From = Start, To = Start.AddHours(1) };

        Assert.Equal(["a4", "a3", "a2", "a1"], await Ids(store, all));
        Assert.Equal(["a2", "a1"], await Ids(store, all with { QueueId = "sales" }));
        Assert.Equal(["a4", "a1"], await Ids(store, all with { AgentId = "ann" }));
        Assert.Equal(["a4"], await Ids(store, all with { AgentId = "bob" }));
        Assert.Equal(["a2"], await Ids(store, all with { CustomerId = "c-2" }));
        Assert.Equal(["a1"], await Ids(store, all with { DispositionCode = "sold" }));
        Assert.Equal(["a3"], await Ids(store, all with { State = InteractionStatus.Abandoned }));
        Assert.Empty(await Ids(store, all with { QueueId = "sales", State = InteractionStatus.Abandoned }));
        var transferred = Assert.Single((await store.Reports().SearchAsync(all with { AgentId = "bob" }, _cancellation)).Interactions);
        Assert.Equal(["ann", "bob"], transferred.Legs.Select(leg => leg.AgentId));
    }

    [Theory, BothProviders]
    public async Task Pages_NewestFirst_TiesByIdDescending_NoneSkippedOrRepeated(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        // Three share one arrival instant: the id orders them.
        var facts = Enumerable.Range(0, 7).Select(i => Answered(tenant, $"i-{i}", "sales", Start.AddSeconds(Math.Min(i, 4)), TimeSpan.FromSeconds(1))).ToList();
        await store.WriteAsync(new HistoryBatch(facts), _cancellation);
        var search = new InteractionSearch { TenantId = tenant, From = Start, To = Start.AddHours(1), PageSize = 3 };

        var seen = new List<string>();
        var pages = 0;
        for (SearchPosition? next = null; pages == 0 || next is not null; pages++)
        {
            Assert.True(next is null || SearchPosition.TryParse(next.ToToken(), out next));
            var page = await store.Reports().SearchAsync(search with { After = next }, _cancellation);
            seen.AddRange(page.Interactions.Select(interaction => interaction.InteractionId));
            next = page.Next;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["i-6", "i-5", "i-4", "i-3", "i-2", "i-1", "i-0"], seen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("MTIz")]
    [InlineData("LTF8aS0x")]
    public void Token_Malformed_IsRefused(string token) => Assert.False(SearchPosition.TryParse(token, out _));

    private async Task<List<string>> Ids(IHistoryStore store, InteractionSearch search) =>
        [.. (await store.Reports().SearchAsync(search, _cancellation)).Interactions.Select(interaction => interaction.InteractionId)];
}
