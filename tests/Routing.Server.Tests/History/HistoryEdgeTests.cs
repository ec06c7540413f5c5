using Routing.Abstractions;
using Routing.Contracts.V1;
using Routing.Server.Tests.Client;
using Presence = Routing.Core.Presence;
using Status = Routing.Core.InteractionStatus;

namespace Routing.Server.Tests.History;

/// <summary>What the server stores in its history while interactions, agents and supervisors go through the gRPC edge.</summary>
[Collection(HistoryCollection.Name)]
public sealed class HistoryEdgeTests(HistoryFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Interaction_CompletedThroughTheEdge_IsStoredOnceWithItsLegEventsDurationsAndDisposition()
    {
        var tenant = await fixture.NewTenantAsync();
        using var gateway = fixture.Client(tenant, ["gateway"]);
        using var agentClient = fixture.Client(tenant, ["agent"], "wes");
        await using var wes = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await wes.SetReadyAsync(Cancel);
        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care", CustomerId = "c-42", Attributes = { ["entryPoint"] = "+442071234567" } }, Cancel);
        await SessionEvents.OfferOf(wes, call.InteractionId);
        await wes.AcceptAsync(call.InteractionId, Cancel);
        await wes.EndAsync(call.InteractionId, Cancel);
        await wes.CompleteAsync(call.InteractionId, "sold", "two seats", Cancel);
        var seen = await gateway.Interactions.GetAsync(call.InteractionId, Cancel);
        await fixture.FlushAsync();

        var stored = (await fixture.Store.FindInteractionAsync(tenant, call.InteractionId, Cancel))!;
        var timeline = await fixture.Store.ReadTimelineAsync(tenant, call.InteractionId, Cancel);
        var counts = await fixture.Store.CountAsync(tenant, Cancel);

        Assert.Equal((1, 1, seen.Events.Count), (counts.Interactions, counts.Legs, (int)counts.Events));
        Assert.Equal((Status.Completed, "care", "c-42", "+442071234567"), (stored.State, stored.QueueId, stored.CustomerId, stored.EntryPoint));
        Assert.Equal("acme-insurance", stored.ClientId);
        Assert.Equal(seen.Events.Count, stored.Version);
        Assert.Equal(seen.Events.Select(e => (e.Sequence, e.Kind.ToString())), timeline.Select(e => (e.Sequence, e.Kind.ToString())));
        Assert.Equal(["Queued", "Offered", "Connected", "Ended", "Completed"], timeline.Select(e => e.Kind.ToString()));
        Assert.Equal(("sold", "two seats", "wes"), (stored.DispositionCode, stored.DispositionNote, stored.AgentId));
        Assert.Equal(["wes"], stored.Agents);
        var leg = Assert.Single(stored.Legs);
        Assert.Equal(("wes", "care", "sold", false), (leg.AgentId, leg.QueueId, leg.DispositionCode, leg.Transferred));
        Assert.Equal(stored.FirstOfferedAt, leg.OfferedAt);
        Assert.Equal(stored.AnsweredAt, leg.ConnectedAt);
        Assert.Equal(stored.EndedAt, leg.EndedAt);
        Assert.Equal(stored.WrapUpEndedAt, leg.WrapUpEndedAt);
        Assert.True(stored.ArrivedAt <= stored.FirstOfferedAt && stored.FirstOfferedAt <= stored.AnsweredAt && stored.AnsweredAt <= stored.EndedAt && stored.EndedAt <= stored.WrapUpEndedAt);
        Close(stored.AnsweredAt!.Value - stored.ArrivedAt, stored.Wait);
        Close(stored.EndedAt!.Value - stored.AnsweredAt.Value, stored.Talk);
        Close(stored.WrapUpEndedAt!.Value - stored.EndedAt.Value, stored.WrapUp);
        Assert.Null(stored.EndCause);
        await wes.LogoutAsync(Cancel);
    }

    [Fact]
    public async Task Interaction_AbandonedThroughTheEdge_IsStoredWithItsCauseAndNoLeg()
    {
        var tenant = await fixture.NewTenantAsync();
        using var gateway = fixture.Client(tenant, ["gateway"]);
        using var agentClient = fixture.Client(tenant, ["agent"], "wes");
        // Logged in but not ready: the call waits until the customer hangs up.
        await using var wes = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care" }, Cancel);
        await gateway.Interactions.HangupAsync(call.InteractionId, cancellationToken: Cancel);
        await fixture.FlushAsync();

        var stored = (await fixture.Store.FindInteractionAsync(tenant, call.InteractionId, Cancel))!;

        Assert.Equal((Status.Abandoned, "customer hung up", "acme-insurance"), (stored.State, stored.EndCause, stored.ClientId));
        Assert.Empty(stored.Legs);
        Assert.Null(stored.AnsweredAt);
        Assert.Null(stored.AgentId);
        Close(stored.EndedAt!.Value - stored.ArrivedAt, stored.Wait);
        Assert.Equal(["Queued", "Abandoned"], (await fixture.Store.ReadTimelineAsync(tenant, call.InteractionId, Cancel)).Select(e => e.Kind.ToString()));
        await wes.LogoutAsync(Cancel);
    }

    [Fact]
    public async Task Agent_LoginReadyNotReadyLogout_StoresOneIntervalEach_EachEndingWhenTheNextStarts()
    {
        var tenant = await fixture.NewTenantAsync();
        using var agentClient = fixture.Client(tenant, ["agent"], "zoe");
        await using (var zoe = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel))
        {
            await zoe.SetReadyAsync(Cancel);
            await zoe.SetNotReadyAsync("lunch", Cancel);
            await zoe.LogoutAsync(Cancel);
        }
        var entries = await fixture.Grains.Agent(tenant, "zoe").GetHistory();
        await fixture.FlushAsync();

        var intervals = await fixture.Store.ReadAgentIntervalsAsync(tenant, "zoe", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), Cancel);

        Assert.Equal(entries.Select(e => e.Sequence), intervals.Select(i => i.Sequence));
        Assert.Equal(["login", "ready", "not-ready", "logout"], intervals.Select(i => i.Cause));
        Assert.Equal([Presence.NotReady, Presence.Available, Presence.NotReady, Presence.Offline], intervals.Select(i => i.Presence));
        Assert.Equal("lunch", intervals[2].Reason);
        Assert.Equal(entries.Select(e => HistoryTime.Stored(e.At)), intervals.Select(i => i.StartedAt));
        Assert.All(intervals.Zip(intervals.Skip(1)), pair => Assert.Equal(pair.Second.StartedAt, pair.First.EndedAt));
        Assert.Null(intervals[^1].EndedAt);
    }

    [Fact]
    public async Task Supervisor_ForcingAnAgentNotReady_IsStoredWithTheSupervisorsIdentityBeforeTheCallIsAnswered()
    {
        var tenant = await fixture.NewTenantAsync();
        using var agentClient = fixture.Client(tenant, ["agent"], "zoe");
        using var supervisor = fixture.Client(tenant, ["supervisor"], subject: "sam.supervisor");
        await using var zoe = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await zoe.SetReadyAsync(Cancel);
        var before = DateTimeOffset.UtcNow;

        await supervisor.Supervisor.ForceStateAsync("zoe", Contracts.V1.Presence.NotReady, "coaching", Cancel);

        // Acknowledged means stored: read before any flush.
        var action = Assert.Single(await fixture.Store.ReadSupervisorActionsAsync(tenant, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1), Cancel));
        await fixture.FlushAsync();
        Assert.Equal(("sam.supervisor", "force-not-ready", "agent", "zoe", "coaching"), (action.SupervisorId, action.Action, action.TargetKind, action.TargetId, action.Detail));
        Assert.InRange(action.At, before, DateTimeOffset.UtcNow);
        var intervals = await fixture.Store.ReadAgentIntervalsAsync(tenant, "zoe", before.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), Cancel);
        Assert.Equal((Presence.NotReady, "coaching"), (intervals[^1].Presence, intervals[^1].Reason));
        await zoe.LogoutAsync(Cancel);
    }

    /// <summary>Equal to the millisecond the store keeps durations in.</summary>
    private static void Close(TimeSpan expected, TimeSpan actual) =>
        Assert.True((expected - actual).Duration() <= Millisecond, $"expected {expected}, stored {actual}");
}
