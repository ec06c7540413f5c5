namespace Routing.Core.Lifecycle;

/// <summary>What the interaction grain carries out after an accepted transition of <see cref="InteractionCase"/>,
/// besides recording each <see cref="InteractionNote"/>. The grain carries them out in this order: watchdog and
/// timer, then the agent, then the queue, then the handle time, then the write.</summary>
[Flags]
public enum InteractionEffects
{
    None = 0,
    /// <summary>Write the state (awaited, or scheduled where the grain's call must stay atomic).</summary>
    Write = 1,
    /// <summary>A deadline moved: make sure the one timer fires no later than <see cref="InteractionCase.NextDeadline"/>.</summary>
    RearmTimer = 2,
    /// <summary>It waits in line again: re-assert its place now and then.</summary>
    StartWatchdog = 4,
    /// <summary>It no longer waits in line.</summary>
    StopWatchdog = 8,
    /// <summary>Tell <see cref="InteractionTransition.Agent"/> its offer ended (its slot is freed).</summary>
    ReleaseOffer = 16,
    /// <summary>Tell <see cref="InteractionTransition.Agent"/> its wrap-up runs until <see cref="InteractionTransition.WrapUpDeadline"/>.</summary>
    BeginWrapUp = 32,
    /// <summary>Tell <see cref="InteractionTransition.Agent"/> it is done with the interaction (its slot is freed).</summary>
    FinishAgent = 64,
    /// <summary>Tell the current queue it was answered (it leaves the queue's keeping).</summary>
    RemoveAnswered = 128,
    /// <summary>Tell the current queue the customer left before an answer.</summary>
    RemoveAbandoned = 256,
    /// <summary>Put it back in its place in line, the offer's agent excluded until <see cref="InteractionTransition.ExcludeUntil"/>.</summary>
    ReturnToLine = 512,
    /// <summary>Tell a leg's queue its talk and wrap-up time (<see cref="InteractionTransition.HandleTime"/>, one-way).</summary>
    ReportHandleTime = 1024,
    /// <summary>Tell the customer's grain <see cref="InteractionTransition.Agent"/> served them (one-way).</summary>
    CustomerServed = 2048,
    /// <summary>Tell a queue it overflowed (<see cref="InteractionTransition.LeftQueue"/>, else the current queue).</summary>
    RemoveOverflowed = 4096,
    /// <summary>Tell the current queue it is a callback now (it keeps its entry and score).</summary>
    ChangeToCallback = 8192,
    /// <summary>Tell a queue (<see cref="InteractionTransition.LeftQueue"/>, else the current queue) it left for another
    /// action (counted as moved, neither answered nor abandoned).</summary>
    RemoveMoved = 16384,
    /// <summary>Tell the current queue the priority it routes with now (the queue re-scores its entry).</summary>
    Reprioritise = 32768,
}
