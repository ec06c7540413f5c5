using Orleans.Core.Internal;
using Routing.Abstractions;
using Routing.Contracts.V1;
using Routing.Server.Tests.Client;

namespace Routing.Server.Tests.History;

/// <summary>
/// At least once, stored once: facts the recorder refused, or accepted and then lost (as with a process killed before
/// its queue was written), are recorded again from the grains' state; facts recorded twice are stored once.
/// </summary>
[Collection(HistoryCollection.Name)]
public sealed class HistoryAtLeastOnceTests(HistoryFixture fixture) : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interaction_FactsRefusedWhileItRan_AreRecordedAgainWhenItDeactivates()
    {
        var tenant = await fixture.NewTenantAsync();
        using var gateway = fixture.Client(tenant, ["gateway"]);
        fixture.Recorder.Mode = RecorderMode.Refuse;
        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care" }, Cancel);
        var seen = await gateway.Interactions.HangupAsync(call.InteractionId, Cancel);
        fixture.Recorder.Mode = RecorderMode.Normal;
        await fixture.FlushAsync();
        Assert.Null(await fixture.Store.FindInteractionAsync(tenant, call.InteractionId, Cancel));

        await fixture.Grains.Interaction(tenant, call.InteractionId).Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);

        await UntilStoredAsync(tenant, call.InteractionId);
        Assert.Equal(Core.InteractionStatus.Abandoned, (await fixture.Store.FindInteractionAsync(tenant, call.InteractionId, Cancel))!.State);
        Assert.Equal(new Routing.History.HistoryCounts(1, 0, seen.Events.Count, 0, 0), await fixture.Store.CountAsync(tenant, Cancel));
    }

    [Fact]
    public async Task Interaction_FactsLostAfterTheyWereAccepted_AreRecordedAgainByTheNextActivation_AndStoredOnce()
    {
        var tenant = await fixture.NewTenantAsync();
        using var gateway = fixture.Client(tenant, ["gateway"]);
        fixture.Recorder.Mode = RecorderMode.Lose;
        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care" }, Cancel);
        var seen = await gateway.Interactions.HangupAsync(call.InteractionId, Cancel);
        fixture.Recorder.Mode = RecorderMode.Normal;
        var grain = fixture.Grains.Interaction(tenant, call.InteractionId);

        // The activation that lost them thinks them queued; the next one starts from the stored watermark.
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);
        await UntilAsync(async () => { await grain.GetSnapshot(); return await fixture.Store.FindInteractionAsync(tenant, call.InteractionId, Cancel) is not null; });
        // Confirmed now: a further activation records nothing again, and the store holds everything once.
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);
        await grain.GetSnapshot();
        await fixture.FlushAsync();

        Assert.Equal(new Routing.History.HistoryCounts(1, 0, seen.Events.Count, 0, 0), await fixture.Store.CountAsync(tenant, Cancel));
        Assert.Equal(seen.Events.Select(e => e.Sequence), (await fixture.Store.ReadTimelineAsync(tenant, call.InteractionId, Cancel)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Agent_IntervalsLostAfterTheyWereAccepted_AreRecordedAgainByTheNextActivation_WithTheirEnds()
    {
        var tenant = await fixture.NewTenantAsync();
        var agent = fixture.Grains.Agent(tenant, "zoe");
        fixture.Recorder.Mode = RecorderMode.Lose;
        await agent.Login();
        await agent.SetReady();
        await agent.SetNotReady("break");
        fixture.Recorder.Mode = RecorderMode.Normal;
        var entries = await agent.GetHistory();

        await agent.Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);
        await UntilAsync(async () =>
        {
            await agent.GetSnapshot();
            return (await fixture.Store.CountAsync(tenant, Cancel)).AgentIntervals == entries.Length;
        });

        var intervals = await fixture.Store.ReadAgentIntervalsAsync(tenant, "zoe", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), Cancel);
        Assert.Equal(entries.Select(e => (e.Sequence, HistoryTime.Stored(e.At))), intervals.Select(i => (i.Sequence, i.StartedAt)));
        Assert.Equal(entries.Skip(1).Select(e => (DateTimeOffset?)HistoryTime.Stored(e.At)).Append(null), intervals.Select(i => i.EndedAt));
        await agent.Logout();
    }

    [Fact]
    public async Task Facts_RecordedTwice_AreStoredOnce()
    {
        var tenant = await fixture.NewTenantAsync();
        fixture.Recorder.Mode = RecorderMode.Twice;
        using var gateway = fixture.Client(tenant, ["gateway"]);
        using var agentClient = fixture.Client(tenant, ["agent"], "wes");
        await using (var wes = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel))
        {
            await wes.SetReadyAsync(Cancel);
            var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care" }, Cancel);
            await SessionEvents.OfferOf(wes, call.InteractionId);
            await wes.AcceptAsync(call.InteractionId, Cancel);
            await wes.CompleteAsync(call.InteractionId, "done", cancellationToken: Cancel);
            await wes.LogoutAsync(Cancel);
            var seen = await gateway.Interactions.GetAsync(call.InteractionId, Cancel);
            var entries = await fixture.Grains.Agent(tenant, "wes").GetHistory();
            await fixture.FlushAsync();

            Assert.Equal(new Routing.History.HistoryCounts(1, 1, seen.Events.Count, entries.Length, 0), await fixture.Store.CountAsync(tenant, Cancel));
            Assert.Equal(Core.InteractionStatus.Completed, (await fixture.Store.FindInteractionAsync(tenant, call.InteractionId, Cancel))!.State);
        }
    }

    public void Dispose() => fixture.Recorder.Mode = RecorderMode.Normal;

    private Task UntilStoredAsync(string tenant, string interactionId) =>
        UntilAsync(async () => await fixture.Store.FindInteractionAsync(tenant, interactionId, Cancel) is not null);

    /// <summary>Polls <paramref name="condition"/> (after a flush) until it holds, failing the test after 30 s.</summary>
    private async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await fixture.FlushAsync();
            if (await condition())
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the facts were not recorded again within 30 s");
            await Task.Delay(50, Cancel);
        }
    }
}
