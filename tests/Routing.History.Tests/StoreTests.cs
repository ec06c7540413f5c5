using Routing.Core;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests;

/// <summary>Each record type written and read back, and "stored once" whatever is written twice, on both providers.</summary>
public sealed class StoreTests(HistoryDatabases databases)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Interaction_WithLegsAttributesAndOffsets_ReadsBackAsWritten(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var written = Facts.Interaction(tenant, "i-1");

        await store.WriteAsync(new HistoryBatch([written]), _cancellation);

        var read = await store.FindInteractionAsync(tenant, "i-1", _cancellation);
        Assert.NotNull(read);
        Assert.Equivalent(written, read, strict: true);
        Assert.Equal(TimeSpan.Zero, read.AnsweredAt!.Value.Offset);
        Assert.Null(await store.FindInteractionAsync(tenant, "i-2", _cancellation));
        Assert.Null(await store.FindInteractionAsync(Facts.NewTenant(), "i-1", _cancellation));
    }

    /// <summary>What an interaction came in with (arrival, customer, entry point, attributes; a leg's agent and times of
    /// offer and connection) is kept from its first stored version; a later version changes its state, times and figures.</summary>
    [Theory, BothProviders]
    public async Task NewerVersion_ChangesTheState_AndKeepsWhatItCameInWith(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var first = Facts.Interaction(tenant, "i-1", version: 3);
        var later = first with
        {
            Version = 5,
            State = InteractionStatus.Completed,
            Talk = first.Talk + TimeSpan.FromSeconds(30),
            DispositionNote = "rappelé ✓ 😀 — «bien»",
            ArrivedAt = first.ArrivedAt.AddMinutes(1),
            CustomerId = "someone-else",
            EntryPoint = "other-line",
            Legs = [first.Legs[0] with { AgentId = "other-agent", DispositionCode = "sold" }],
        };

        await store.WriteAsync(new HistoryBatch([first]), _cancellation);
        await store.WriteAsync(new HistoryBatch([later]), _cancellation);

        var read = await store.FindInteractionAsync(tenant, "i-1", _cancellation);
        Assert.Equal((5L, InteractionStatus.Completed, later.Talk), (read!.Version, read.State, read.Talk));
        Assert.Equal("rappelé ✓ 😀 — «bien»", read.DispositionNote);
        Assert.Equal((first.ArrivedAt, first.CustomerId, first.EntryPoint), (read.ArrivedAt, read.CustomerId, read.EntryPoint));
        Assert.Equal((first.Legs[0].AgentId, "sold"), (read.Legs[0].AgentId, read.Legs[0].DispositionCode));
    }

    [Theory, BothProviders]
    public async Task Interaction_Unanswered_KeepsItsNullsAndEmptyLists(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var abandoned = new InteractionRecord
        {
            TenantId = tenant, InteractionId = "i-1", Version = 3, Channel = Channel.Voice, State = InteractionStatus.Abandoned,
            QueueId = "sales", ArrivedAt = Facts.Start, EndedAt = Facts.Start.AddSeconds(40), Wait = TimeSpan.FromSeconds(40), EndCause = "customer hung up",
        };

        await store.WriteAsync(new HistoryBatch([abandoned]), _cancellation);

        Assert.Equivalent(abandoned, await store.FindInteractionAsync(tenant, "i-1", _cancellation), strict: true);
    }

    [Theory, BothProviders]
    public async Task Events_ReadBackInSequenceOrder(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var events = new[] { Facts.Event(tenant, "i-1", 2, Core.Lifecycle.InteractionEventKind.Connected), Facts.Event(tenant, "i-1", 1), Facts.Event(tenant, "i-2", 1) };

        await store.WriteAsync(new HistoryBatch(events), _cancellation);

        Assert.Equivalent(new[] { events[1], events[0] }, await store.ReadTimelineAsync(tenant, "i-1", _cancellation), strict: true);
    }

    [Theory, BothProviders]
    public async Task AgentInterval_WrittenOpenThenClosed_KeepsTheEnd_AndAnOpenRepeatDoesNotReopenIt(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var open = Facts.Interval(tenant, "bob", 1);
        var closed = open with { EndedAt = open.StartedAt.AddMinutes(15) };

        await store.WriteAsync(new HistoryBatch([open]), _cancellation);
        await store.WriteAsync(new HistoryBatch([closed]), _cancellation);
        await store.WriteAsync(new HistoryBatch([open]), _cancellation);

        var read = await store.ReadAgentIntervalsAsync(tenant, "bob", Facts.Start, Facts.Start.AddDays(1), _cancellation);
        Assert.Equivalent(new[] { closed }, read, strict: true);
    }

    [Theory, BothProviders]
    public async Task SupervisorActions_ReadBackByTimeRange(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var actions = Enumerable.Range(0, 4).Select(minute => Facts.Action(tenant, $"a-{minute}", minute)).ToArray();

        await store.WriteAsync(new HistoryBatch(actions), _cancellation);

        var read = await store.ReadSupervisorActionsAsync(tenant, Facts.Start.AddMinutes(1), Facts.Start.AddMinutes(3), _cancellation);
        Assert.Equivalent(actions[1..3], read, strict: true);
    }

    [Theory, BothProviders]
    public async Task SameBatchWrittenTwice_StoresEachFactOnce(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var facts = Facts.Bundles(tenant, 1, 20).ToList();

        await store.WriteAsync(new HistoryBatch(facts), _cancellation);
        await store.WriteAsync(new HistoryBatch(facts), _cancellation);
        await store.WriteAsync(new HistoryBatch(facts.Concat(facts)), _cancellation);

        Assert.Equal(new HistoryCounts(Interactions: 20, Legs: 40, Events: 40, AgentIntervals: 20, SupervisorActions: 20), await store.CountAsync(tenant, _cancellation));
        Assert.Equivalent(facts[0], await store.FindInteractionAsync(tenant, "i-1", _cancellation), strict: true);
    }

    [Theory, BothProviders]
    public async Task Interaction_OlderVersionAfterNewer_ChangesNothing_NewerReplaces(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var completed = Facts.Interaction(tenant, "i-1", version: 7);
        var queued = completed with { Version = 1, State = InteractionStatus.Queued, Legs = [], Agents = [], AgentId = null };

        await store.WriteAsync(new HistoryBatch([completed]), _cancellation);
        await store.WriteAsync(new HistoryBatch([queued]), _cancellation);
        Assert.Equivalent(completed, await store.FindInteractionAsync(tenant, "i-1", _cancellation), strict: true);

        var corrected = completed with { Version = 8, DispositionCode = "sold-upgrade" };
        await store.WriteAsync(new HistoryBatch([corrected, queued]), _cancellation);
        Assert.Equal("sold-upgrade", (await store.FindInteractionAsync(tenant, "i-1", _cancellation))!.DispositionCode);
    }

    [Fact]
    public void Batch_SameKeysTwice_KeepsTheNewestInteractionAndTheClosedInterval()
    {
        var tenant = Facts.NewTenant();
        var newer = Facts.Interaction(tenant, "i-1", version: 5);
        var closed = Facts.Interval(tenant, "bob", 1, Facts.Start.AddHours(1));

        var batch = new HistoryBatch([newer, newer with { Version = 4 }, closed, closed with { EndedAt = null }, Facts.Event(tenant, "i-1", 1), Facts.Event(tenant, "i-1", 1)]);

        Assert.Equal(6, batch.Added);
        Assert.Same(newer, Assert.Single(batch.Interactions));
        Assert.Same(closed, Assert.Single(batch.AgentIntervals));
        Assert.Single(batch.Events);
        Assert.Equal(2, batch.Legs.Count());
    }
}
