using Routing.Core;
using Routing.Abstractions.Interactions;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>The one offer handshake of push, pull and transfer: each refusal rolls back what the earlier steps
/// hold, and nothing else; a failed call rolls back the slot and the place (unless the caller says not) and goes
/// on to the caller. Some of these paths (a pull whose agent went offline before it confirmed, a call failing
/// midway) are hard to reach through a cluster, so the table is checked here step by step.</summary>
public sealed class OfferHandshakeTests
{
    private static readonly OfferNotice Notice = new()
    {
        InteractionId = "i-1",
        QueueId = "sales",
        Channel = Channel.Voice,
        Priority = 0,
        Deadline = DateTimeOffset.UnixEpoch,
        Attempt = 1,
    };

    [Fact]
    public async Task RunAsync_EveryStepAccepted_OfferWithNoRollBack()
    {
        var steps = new Steps();

        var offer = await steps.Handshake().RunAsync();

        Assert.Same(Notice, offer);
        Assert.Equal(["reserve", "offer", "confirm"], steps.Taken);
    }

    [Fact]
    public async Task RunAsync_ReserveRefused_GivesBackOnly()
    {
        var steps = new Steps { Reserved = false };

        var offer = await steps.Handshake().RunAsync();

        Assert.Null(offer);
        Assert.Equal(["reserve", "give back"], steps.Taken);
    }

    [Fact]
    public async Task RunAsync_OfferRefused_ReleasesAndDropsBeforeAwaitingEither()
    {
        var release = new TaskCompletionSource();
        var steps = new Steps { Offered = null, Released = release.Task };

        var run = steps.Handshake().RunAsync();
        await steps.Dropped.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // The slot's release is still on its way, yet the claim is already dropped.
        Assert.Equal(["reserve", "offer", "release", "drop"], steps.Taken);
        Assert.False(run.IsCompleted);
        release.SetResult();
        Assert.Null(await run);
    }

    [Fact]
    public async Task RunAsync_ConfirmRefused_Withdraws()
    {
        var steps = new Steps { Confirmed = false };

        var offer = await steps.Handshake().RunAsync();

        Assert.Null(offer);
        Assert.Equal(["reserve", "offer", "confirm", "withdraw"], steps.Taken);
    }

    [Fact]
    public async Task RunAsync_ReserveFails_ReleasesAndGivesBackThenRethrows()
    {
        var steps = new Steps { FailAt = "reserve" };

        await Assert.ThrowsAsync<TimeoutException>(() => steps.Handshake().RunAsync());

        Assert.Equal(["reserve", "release", "give back"], steps.Taken);
    }

    [Fact]
    public async Task RunAsync_ConfirmFails_ReleasesAndGivesBackThenRethrows()
    {
        var steps = new Steps { FailAt = "confirm" };

        await Assert.ThrowsAsync<TimeoutException>(() => steps.Handshake().RunAsync());

        Assert.Equal(["reserve", "offer", "confirm", "release", "give back"], steps.Taken);
    }

    [Fact]
    public async Task RunAsync_FailsWithoutRollBackOfFailures_RethrowsOnly()
    {
        var steps = new Steps { FailAt = "offer" };

        await Assert.ThrowsAsync<TimeoutException>(() => steps.Handshake(rollBackFailures: false).RunAsync());

        Assert.Equal(["reserve", "offer"], steps.Taken);
    }

    /// <summary>Records the steps and roll-backs in the order the handshake takes them.</summary>
    private sealed class Steps
    {
        public List<string> Taken { get; } = [];
        public bool Reserved { get; init; } = true;
        public OfferNotice? Offered { get; init; } = Notice;
        public bool Confirmed { get; init; } = true;
        public Task Released { get; init; } = Task.CompletedTask;
        public string? FailAt { get; init; }
        public TaskCompletionSource Dropped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OfferHandshake Handshake(bool rollBackFailures = true) => new()
        {
            Reserve = () => Step("reserve", Reserved),
            Offer = () => Step("offer", Offered),
            Confirm = _ => Step("confirm", Confirmed),
            GiveBack = () => Step("give back", true),
            Release = () =>
            {
                Taken.Add("release");
                return Released;
            },
            Drop = () =>
            {
                var dropped = Step("drop", true);
                Dropped.SetResult();
                return dropped;
            },
            Withdraw = () => Step("withdraw", true),
            RollBackFailures = rollBackFailures,
        };

        private async Task<T> Step<T>(string name, T answer)
        {
            Taken.Add(name);
            await Task.Yield();
            return name == FailAt ? throw new TimeoutException(name) : answer;
        }
    }
}
