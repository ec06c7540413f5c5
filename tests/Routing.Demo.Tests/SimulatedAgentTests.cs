using Microsoft.Extensions.Logging.Abstractions;

namespace Routing.Demo.Tests;

/// <summary>The one simulated agent, driven without any host: what it sends for each choice, what it
/// counts, and how refusals, failures and stops end its work.</summary>
public sealed class SimulatedAgentTests
{
    /// <summary>Everything at once: no thinking, talking or wrap-up time.</summary>
    private static readonly AgentBehaviour Accepts = new()
    {
        AnswerDelay = DurationRange.Exactly(TimeSpan.Zero),
        AcceptShare = 1,
        RejectShare = 0,
        TalkTime = DurationRange.Exactly(TimeSpan.Zero),
        WrapUp = DurationRange.Exactly(TimeSpan.Zero),
    };

    private readonly RecordingCommands _commands = new();
    private readonly SimulationTally _tally = new();

    [Fact]
    public async Task Offer_AllAccepted_AcceptsEndsAndCompletes()
    {
        await Answer(Accepts);

        Assert.Equal(["accept i1", "end i1", "complete i1"], _commands.Sent);
        Assert.Equal((1, 1, 1), (_tally.Total(SimulationCount.Offers), _tally.Total(SimulationCount.Accepted), _tally.Total(SimulationCount.Completed)));
    }

    [Fact]
    public async Task Offer_AllRejected_RejectsOnly()
    {
        await Answer(Accepts with { AcceptShare = 0, RejectShare = 1 });

        Assert.Equal(["reject i1"], _commands.Sent);
        Assert.Equal(1, _tally.Total(SimulationCount.Rejected));
    }

    [Fact]
    public async Task Offer_NeitherAcceptedNorRejected_RingsOutWithoutACommand()
    {
        await Answer(Accepts with { AcceptShare = 0 });

        Assert.Empty(_commands.Sent);
        Assert.Equal(1, _tally.Total(SimulationCount.RangOut));
    }

    [Fact]
    public async Task EndRefused_CustomerHungUpDuringTheCall_StillWrapsUpAndCompletes()
    {
        _commands.Refuse.Add("end");

        await Answer(Accepts);

        Assert.Equal(["accept i1", "end i1", "complete i1"], _commands.Sent);
        Assert.Equal((1, 1), (_tally.Total(SimulationCount.Refused), _tally.Total(SimulationCount.Completed)));
    }

    [Fact]
    public async Task AcceptRefused_OfferEndedFirst_StopsThereCountedAsARace()
    {
        _commands.Refuse.Add("accept");

        await Answer(Accepts);

        Assert.Equal(["accept i1"], _commands.Sent);
        Assert.Equal((1, 0, 0), (_tally.Total(SimulationCount.Refused), _tally.Total(SimulationCount.Accepted), _tally.Total(SimulationCount.Completed)));
        Assert.Empty(_tally.Failures);
    }

    [Fact]
    public async Task CompleteOnCall_CompletesWithoutEnding()
    {
        await Answer(Accepts with { CompleteOnCallShare = 1 });

        Assert.Equal(["accept i1", "complete i1"], _commands.Sent);
    }

    [Fact]
    public async Task NoWrapUp_EndsAndLeavesCompletionToTheQueue()
    {
        await Answer(Accepts with { WrapUp = null });

        Assert.Equal(["accept i1", "end i1"], _commands.Sent);
        Assert.Equal(1, _tally.Total(SimulationCount.Completed));
    }

    [Fact]
    public async Task CommandFails_RecordedAsAFailureNamingTheAction()
    {
        _commands.Throw.Add("accept");

        await Answer(Accepts);

        var failure = Assert.Single(_tally.Failures);
        Assert.Equal(("a1", "accept", "i1"), (failure.AgentId, failure.Action, failure.InteractionId));
        Assert.Equal(0, _tally.Total(SimulationCount.Accepted));
    }

    [Fact]
    public async Task StoppedDuringTheCall_FinishingCalls_EndsAndCompletesIt()
    {
        using var stop = new CancellationTokenSource();
        _commands.OnCommand = command => { if (command == "accept") { stop.Cancel(); } };

        await AnswerStoppingWith(Accepts with { FinishesCallsWhenStopped = true }, stop.Token);

        Assert.Equal(["accept i1", "end i1", "complete i1"], _commands.Sent);
        Assert.Empty(_tally.Failures);
    }

    [Fact]
    public async Task StoppedDuringTheCall_DroppingCalls_SendsNothingMoreAndReportsNothing()
    {
        using var stop = new CancellationTokenSource();
        _commands.OnCommand = command => { if (command == "accept") { stop.Cancel(); } };

        await AnswerStoppingWith(Accepts with { TalkTime = DurationRange.Exactly(TimeSpan.FromMinutes(1)) }, stop.Token);

        Assert.Equal(["accept i1"], _commands.Sent);
        Assert.Empty(_tally.Failures);
    }

    [Fact]
    public async Task MadeNotReadyTwice_WhileComingBack_SetsItselfReadyOnce()
    {
        var agent = new SimulatedAgent("a1", _commands, Accepts with { BackFromNoAnswer = TimeSpan.FromMilliseconds(200) }, _tally,
            NullLogger.Instance, TestContext.Current.CancellationToken);

        agent.MadeNotReadyForNoAnswer();
        agent.MadeNotReadyForNoAnswer();
        await agent.DrainAsync();

        Assert.Equal(["ready"], _commands.Sent);
    }

    [Fact]
    public async Task WhenCompleted_CompletesOnceThatManyCallsAreFinished()
    {
        var agent = new SimulatedAgent("a1", _commands, Accepts, _tally, NullLogger.Instance, TestContext.Current.CancellationToken);
        var two = _tally.WhenCompleted(2);

        agent.Offered("i1");
        await agent.DrainAsync();
        Assert.False(two.IsCompleted);
        agent.Offered("i2");

        await two.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    private Task Answer(AgentBehaviour behaviour) => AnswerStoppingWith(behaviour, TestContext.Current.CancellationToken);

    private async Task AnswerStoppingWith(AgentBehaviour behaviour, CancellationToken stopping)
    {
        var agent = new SimulatedAgent("a1", _commands, behaviour, _tally, NullLogger.Instance, stopping, seed: 1);
        agent.Offered("i1");
        await agent.DrainAsync();
    }
}
