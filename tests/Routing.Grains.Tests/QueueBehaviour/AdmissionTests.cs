using Routing.Core.Lifecycle;
using System.Globalization;
using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Hours;
using Routing.Grains.Tests.Infrastructure;
using Routing.Grains.Tests.Statistics;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.QueueBehaviour;

/// <summary>What a new interaction meets at a full queue, a queue without agents and a closed queue.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AdmissionTests(ClusterFixture fixture)
{
    private static readonly OverflowAction ToSupport = new() { Kind = OverflowActionKind.Queue, QueueId = "support" };
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task QueueFull_NewInteraction_RefusedResourceExhaustedAndNothingCreated()
    {
        await _centre.Apply([Queue("sales") with { MaxWaiting = 2 }], []);
        var first = await _centre.Call("sales");
        await _centre.Call("sales");

        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("refused-1").Create(new InteractionSpec { QueueId = "sales" }));

        Assert.Equal((RoutingError.ResourceExhausted, "queue 'sales' is full: 2 waiting"), (refused.Error, refused.Message));
        var nothing = await _centre.InteractionGrain("refused-1").GetSnapshot();
        Assert.Equal((InteractionStatus.None, 0), (nothing.Status, nothing.Events.Length));
        Assert.Equal(2, (await _centre.QueueGrain("sales").GetSnapshot()).Waiting.Length);

        await _centre.InteractionGrain(first).Hangup();
        var created = await _centre.InteractionGrain("refused-1").Create(new InteractionSpec { QueueId = "sales" });
        Assert.Equal(InteractionStatus.Queued, created.Status);
    }

    [Fact]
    public async Task NoAgentsLoggedIn_Refuse_CreateRefusedAndNothingCreated()
    {
        await _centre.Apply([Queue("sales", Needs("sales")) with { WhenNoAgents = NoAgentsAction.Refuse }], [Agent("sam", Has("support"))]);

        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("nobody-1").Create(new InteractionSpec { QueueId = "sales" }));

        Assert.Equal(RoutingError.FailedPrecondition, refused.Error);
        Assert.StartsWith("no agents logged in for queue 'sales'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(InteractionStatus.None, (await _centre.InteractionGrain("nobody-1").GetSnapshot()).Status);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task NoAgentsLoggedIn_Overflow_EndsAsOverflowedAtOnceAndCounted()
    {
        await _centre.Apply(
            [Queue("sales", Needs("sales")) with { WhenNoAgents = NoAgentsAction.Overflow, Overflow = new OverflowAction { Kind = OverflowActionKind.Voicemail } }],
            []);

        var call = await _centre.Call("sales");

        var snapshot = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal(InteractionStatus.Overflowed, snapshot.Status);
        Assert.Equal((OverflowActionKind.Voicemail, OverflowCause.NoAgents), (snapshot.Events[^1].Overflow!.Action, snapshot.Events[^1].Overflow!.Cause));
        Assert.Equal(InteractionEventKind.Overflowed, (await _centre.Gateway.WaitForFinal(call)).Kind);
        var statistics = await _centre.QueueGrain("sales").GetStatistics();
        Assert.Equal((1, 1), (statistics.Rolling.Offered, statistics.Rolling.Overflowed));
    }

    [Fact]
    public async Task NoAgentsLoggedIn_WaitByDefault_Queued()
    {
        await _centre.Apply([Queue("sales", Needs("sales"))], []);

        var call = await _centre.Call("sales");

        Assert.Equal(InteractionStatus.Queued, (await _centre.InteractionGrain(call).GetSnapshot()).Status);
    }

    [Fact]
    public async Task NoAgents_MemberLoggedInEvenNotReady_Admitted_ThenLoggedOut_Refused()
    {
        await _centre.Apply([Queue("sales", Needs("sales")) with { WhenNoAgents = NoAgentsAction.Refuse }], [Agent("ann", Has("sales"))]);
        var wallboard = new QueueStatisticsProbe();
        await _centre.QueueGrain("sales").Subscribe(fixture.Client.CreateObjectReference<IQueueObserver>(wallboard));

        await _centre.AgentGrain("ann").Login();
        await wallboard.Until(s => s.AgentsNotReady == 1);
        var call = await _centre.Call("sales");
        Assert.Equal(InteractionStatus.Queued, (await _centre.InteractionGrain(call).GetSnapshot()).Status);

        await _centre.AgentGrain("ann").Logout();
        await wallboard.Until(s => s.AgentsNotReady == 0 && s.AgentsAvailable == 0);
        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("after-logout").Create(new InteractionSpec { QueueId = "sales" }));
        Assert.Equal(RoutingError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task Closed_Refuse_CreateRefusedSayingWhenItOpens()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var hours = new BusinessHours { Exceptions = [new DatedHours { Date = tomorrow, Open = ["08:00-09:00"] }] };
        await _centre.Apply([Queue("sales") with { Hours = hours }], []);

        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("closed-1").Create(new InteractionSpec { QueueId = "sales" }));

        var day = tomorrow.ToString("ddd", CultureInfo.InvariantCulture);
        Assert.Equal((RoutingError.FailedPrecondition, $"queue 'sales' is closed until {day} 08:00 UTC"), (refused.Error, refused.Message));
        Assert.Equal(InteractionStatus.None, (await _centre.InteractionGrain("closed-1").GetSnapshot()).Status);
    }

    [Fact]
    public async Task Closed_Overflow_MovesToTheOverflowQueue()
    {
        var closedToday = new BusinessHours { Exceptions = [new DatedHours { Date = DateOnly.FromDateTime(DateTime.UtcNow) }] };
        await _centre.Apply([Queue("sales") with { Hours = closedToday, ClosedAction = ClosedAction.Overflow, Overflow = ToSupport }, Queue("support")], []);

        var call = await _centre.Call("sales");

        var snapshot = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal(("support", InteractionStatus.Queued), (snapshot.QueueId, snapshot.Status));
        Assert.Contains(snapshot.Events, e => e.Kind == InteractionEventKind.Moved && e.Detail == "overflow (Closed): sales → support");
        Assert.Equal([call], (await _centre.QueueGrain("support").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task Open_CreatesNormally()
    {
        var always = new BusinessHours { Weekly = [.. Enum.GetValues<DayOfWeek>().Select(d => new WeeklyHours { Day = d, Open = ["00:00-24:00"] })] };
        await _centre.Apply([Queue("sales") with { Hours = always, ClosedAction = ClosedAction.Refuse }], []);

        var call = await _centre.Call("sales");

        Assert.Equal(InteractionStatus.Queued, (await _centre.InteractionGrain(call).GetSnapshot()).Status);
        Assert.Equal([call], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task Configuration_BadBehaviour_RefusedWithEveryProblem()
    {
        var bad = Queue("sales") with
        {
            MaxWait = TimeSpan.Zero,
            MaxWaiting = 0,
            Overflow = new OverflowAction { Kind = OverflowActionKind.Queue, QueueId = "nowhere" },
            Hours = new BusinessHours { Weekly = [new WeeklyHours { Day = DayOfWeek.Monday, Open = ["18:00-08:00"] }] },
        };

        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.Apply([bad, Queue("loop") with { Overflow = new OverflowAction { Kind = OverflowActionKind.Queue, QueueId = "loop" } }], []));

        Assert.Equal(RoutingError.InvalidArgument, refused.Error);
        Assert.Contains("max wait must be more than 0", refused.Message, StringComparison.Ordinal);
        Assert.Contains("max waiting must be between 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("overflows to queue 'nowhere', which is not configured", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'18:00-08:00'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("queue 'loop': cannot overflow to itself", refused.Message, StringComparison.Ordinal);
    }
}
