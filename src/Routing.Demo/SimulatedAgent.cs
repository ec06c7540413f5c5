using Microsoft.Extensions.Logging;
using Routing.Abstractions.Interactions;
using Routing.Core.Lifecycle;

namespace Routing.Demo;

/// <summary>
/// A simulated agent app, the one the demo, <c>routing agents simulate</c> and the stress test all use: it
/// answers offers the way a person would (after a moment's thought it accepts, rejects or lets the offer
/// ring out), talks, ends the call, wraps up and completes, and sets itself ready again after being made
/// not ready for missing an offer, as its <see cref="AgentBehaviour"/> says. It reaches the centre through
/// <see cref="IAgentCommands"/>; its host passes on what the centre tells it (<see cref="Offered"/>,
/// <see cref="OfferTimedOut"/>, <see cref="MadeNotReadyForNoAnswer"/>).
/// </summary>
/// <remarks>Each notice only starts the person's (slow) reaction on the thread pool and returns at once:
/// grain observers get one call at a time, and a session's event loop must keep reading.</remarks>
public sealed class SimulatedAgent
{
    /// <summary>The disposition every simulated call ends with.</summary>
    public static readonly Disposition Resolved = new("resolved", "simulated");

    private readonly string _agentId;
    private readonly IAgentCommands _commands;
    private readonly AgentBehaviour _behaviour;
    private readonly SimulationTally _tally;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Random _dice;
    private readonly Lock _diceLock = new();
    private readonly List<Task> _work = [];
    private int _comingBack;

    /// <param name="agentId">The agent it plays.</param>
    /// <param name="commands">How it reaches the centre.</param>
    /// <param name="behaviour">How it handles its work.</param>
    /// <param name="tally">Where it counts what it did and records failures.</param>
    /// <param name="logger">Its actions at Debug, refusals at Debug, failures at Warning.</param>
    /// <param name="stopping">Stops it answering (and, unless <see cref="AgentBehaviour.FinishesCallsWhenStopped"/>,
    /// drops calls in hand).</param>
    /// <param name="seed">Seeds its dice, so a run can be repeated; none: shared random numbers.</param>
    public SimulatedAgent(string agentId, IAgentCommands commands, AgentBehaviour behaviour, SimulationTally tally,
        ILogger logger, CancellationToken stopping, int? seed = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(behaviour);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(logger);
        (_agentId, _commands, _behaviour, _tally, _logger, _stopping) = (agentId, commands, behaviour, tally, logger, stopping);
        _dice = seed is { } s ? new Random(s) : Random.Shared;
    }

    public string AgentId => _agentId;

    /// <summary>An offer rings: the agent answers it (or lets it ring) in its own time.</summary>
    public void Offered(string interactionId)
    {
        _tally.Add(_agentId, SimulationCount.Offers);
        Start(() => AnswerAsync(interactionId));
    }

    /// <summary>The centre says an offer to this agent timed out.</summary>
    public void OfferTimedOut(string interactionId) => _tally.Add(_agentId, SimulationCount.TimedOut);

    /// <summary>The centre made the agent not ready for missing offers: it comes back after a moment,
    /// once however many such notices arrive meanwhile.</summary>
    public void MadeNotReadyForNoAnswer()
    {
        if (_behaviour.BackFromNoAnswer is { } delay && Interlocked.Exchange(ref _comingBack, 1) == 0)
        {
            Start(() => ComeBackAsync(delay));
        }
    }

    /// <summary>Waits until the agent has nothing in hand (including work started meanwhile).</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_work)
            {
                _work.RemoveAll(t => t.IsCompleted);
                pending = [.. _work];
            }
            if (pending.Length == 0)
            {
                return;
            }
            await Task.WhenAll(pending);
        }
    }

    private void Start(Func<Task> work)
    {
        var task = Task.Run(work, CancellationToken.None);
        lock (_work)
        {
            _work.RemoveAll(t => t.IsCompleted);
            _work.Add(task);
        }
    }

    private async Task AnswerAsync(string id)
    {
        var (roll, think, talk, completeOnCall, wrapUp) = Roll();
        if (roll >= _behaviour.AcceptShare + _behaviour.RejectShare)
        {
            _tally.Add(_agentId, SimulationCount.RangOut);
            DemoLog.AgentAction(_logger, _agentId, "lets ring out", id);
            return;
        }
        var action = "think about";
        try
        {
            await Task.Delay(think, _stopping);
            if (roll >= _behaviour.AcceptShare)
            {
                if (await Step(action = "reject", id, _commands.RejectAsync(id, _stopping)))
                {
                    _tally.Add(_agentId, SimulationCount.Rejected);
                    DemoLog.AgentAction(_logger, _agentId, "rejected", id);
                }
                return;
            }
            if (!await Step(action = "accept", id, _commands.AcceptAsync(id, _stopping)))
            {
                return;
            }
            _tally.Add(_agentId, SimulationCount.Accepted);
            DemoLog.AgentAction(_logger, _agentId, "accepted", id);
            var inHand = _behaviour.FinishesCallsWhenStopped ? CancellationToken.None : _stopping;
            await Task.Delay(talk, inHand);
            if (completeOnCall)
            {
                await Step(action = "complete", id, _commands.CompleteAsync(id, Resolved, inHand));
            }
            else
            {
                // Refused when the customer hung up during the conversation, which ended it already: the
                // agent wraps up all the same.
                await Step(action = "end", id, _commands.EndAsync(id, inHand));
                if (wrapUp is { } afterCallWork)
                {
                    action = "wrap up";
                    await Task.Delay(afterCallWork, inHand);
                    // Refused when the queue finished it first (no wrap-up time, or it ran out).
                    await Step(action = "complete", id, _commands.CompleteAsync(id, Resolved, inHand));
                }
            }
            _tally.Add(_agentId, SimulationCount.Completed);
            DemoLog.AgentAction(_logger, _agentId, "finished", id);
        }
        catch (Exception e)
        {
            Fail(action, id, e);
        }
    }

    private async Task ComeBackAsync(TimeSpan delay)
    {
        DemoLog.BackFromNoAnswer(_logger, _agentId);
        var action = "wait to come back";
        try
        {
            await Task.Delay(delay, _stopping);
            Volatile.Write(ref _comingBack, 0);
            action = "set itself ready";
            await _commands.SetReadyAsync(_stopping);
        }
        catch (Exception e)
        {
            Fail(action, "after no-answer", e);
        }
    }

    /// <summary>Awaits a command; a refusal is counted and logged, and answers false.</summary>
    private async Task<bool> Step(string action, string about, Task<bool> command)
    {
        if (await command)
        {
            return true;
        }
        _tally.Add(_agentId, SimulationCount.Refused);
        DemoLog.Refused(_logger, $"agent {_agentId}", action, about, "it had moved on");
        return false;
    }

    /// <summary>Records a failure, unless it is the stop itself, or the stop drops calls in hand: then the
    /// host under the simulation is going away and failures say nothing.</summary>
    private void Fail(string action, string about, Exception error)
    {
        if (_stopping.IsCancellationRequested && (error is OperationCanceledException || !_behaviour.FinishesCallsWhenStopped))
        {
            return;
        }
        _tally.Failed(new SimulationFailure(_agentId, action, about, error));
        DemoLog.CallFailed(_logger, $"agent {_agentId}", action, about, error);
    }

    private (double Roll, TimeSpan Think, TimeSpan Talk, bool CompleteOnCall, TimeSpan? WrapUp) Roll()
    {
        lock (_diceLock)
        {
            return (_dice.NextDouble(), _behaviour.AnswerDelay.Pick(_dice), _behaviour.TalkTime.Pick(_dice),
                _dice.NextDouble() < _behaviour.CompleteOnCallShare, _behaviour.WrapUp?.Pick(_dice));
        }
    }
}
