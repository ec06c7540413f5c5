using Orleans.Core.Internal;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>An agent's history spans sealed pages and the page being filled, newest 1,000 entries kept.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AgentHistoryTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task LongDay_HistoryReadsInOrderAcrossPages_AndKeepsTheNewestThousand()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = _centre.AgentGrain("ann");
        await ann.Login();
        // Each not-ready change is one entry: 1,200 of them fill twelve pages.
        for (var i = 0; i < 600; i++)
        {
            await ann.SetNotReady("break");
            await ann.SetNotReady("lunch");
        }
        // Deactivating flushes the page being filled; the next activation reads it back with the sealed ones.
        // Only this agent: collecting the whole shared cluster would make every other test's idle grain flush at once.
        await ann.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);

        var history = await ann.GetHistory();

        Assert.Equal(Grains.Agents.AgentGrain.MaxHistoryEntries, history.Length);
        Assert.Equal(Enumerable.Range(0, history.Length).Select(i => history[0].Sequence + i), history.Select(e => e.Sequence));
        Assert.Equal("lunch", history[^1].Reason);
    }
}
