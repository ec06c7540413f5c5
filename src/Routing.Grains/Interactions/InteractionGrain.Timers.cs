using Routing.Core;

namespace Routing.Grains.Interactions;

/// <summary>
/// The interaction's one timer. It watches the nearest deadline in state (the ringing offer's, the wrap-up,
/// the max wait, a consult's, transferred legs' wrap-ups) and, while waiting, the watchdog's next re-assertion
/// of the interaction's place in line; once the interaction is finished and nothing else is due, when its activation
/// leaves memory. It is created once per activation and moved with Change whenever the nearest deadline moves, later
/// or away included: a firing is a message through the activation, so one for a deadline already gone (the ringing
/// offer's, after an answer) costs more than moving the timer. Creating and disposing a grain timer at every offer,
/// answer and wrap-up instead spins on the timer queue's locks under load (benchmarks/README.md).
/// </summary>
internal sealed partial class InteractionGrain
{
    private IGrainTimer? _timer;
    /// <summary>When the timer will fire (null: not set, or it has fired).</summary>
    private DateTimeOffset? _armedFor;
    /// <summary>While waiting: when the interaction next re-asserts its place in line.</summary>
    private DateTimeOffset? _reassertAt;
    /// <summary>Once finished: when the activation goes away (<see cref="RoutingGrainOptions.FinishedLinger"/>).</summary>
    private DateTimeOffset? _leaveAt;
    private static readonly TimeSpan LeaveTolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>Sets the timer for the nearest deadline, or stops it when nothing is due.</summary>
    private void RearmTimer()
    {
        var next = NextDeadline();
        if (next == _armedFor)
        {
            return;
        }
        _armedFor = next;
        if (next is not { } deadline)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var delay = deadline - Now;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(
                static (grain, _) => grain.OnTimerAsync(),
                this,
                new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A finished interaction's activation leaves memory after the linger; set once per activation, so
    /// one that a late read woke up leaves again.</summary>
    private void LeaveOnceFinished()
    {
        if (_leaveAt is not null || !State.Status.IsFinal())
        {
            return;
        }
        _leaveAt = Now + _finishedLinger;
        RearmTimer();
    }

    private async Task OnTimerAsync()
    {
        _armedFor = null;
        // A timer may fire a little early; for leaving, a few milliseconds do not matter.
        if (_leaveAt - Now < LeaveTolerance && Case.NextDeadline(_reassertAt) is null)
        {
            this.DeactivateOnIdle();
            return;
        }
        if (State.Status == InteractionStatus.Queued && _reassertAt <= Now)
        {
            _reassertAt = Now + _watchdogPeriod;
            await ReassertPlaceAsync();
        }
        // Handles whatever deadline is due, then sets the timer for the next one.
        await OnDeadlineAsync();
    }

    /// <summary>
    /// While waiting, the interaction re-asserts its place in line now and then. The queue's line is
    /// rebuilt from these when a call that moved the interaction failed midway, so a waiting
    /// interaction cannot be forgotten by its queue.
    /// </summary>
    private void StartWatchdog()
    {
        _reassertAt ??= Now + _watchdogPeriod;
        RearmTimer();
    }

    private void StopWatchdog() => _reassertAt = null;
}
