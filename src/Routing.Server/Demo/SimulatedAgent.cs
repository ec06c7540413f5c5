using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Server.Demo;

/// <summary>
/// A simulated agent app: it answers offers the way a person would (after a moment's thought it
/// accepts, rejects or lets the offer ring out), talks, wraps up, and comes back after being made
/// not ready for missing an offer.
/// </summary>
/// <remarks>Observer calls are delivered one at a time, so each callback only starts the person's
/// (slow) reaction on the thread pool and returns at once.</remarks>
internal sealed class SimulatedAgent(
    string tenantId,
    string agentId,
    IGrainFactory grainFactory,
    DemoOptions options,
    DemoCounters counters,
    ILogger logger,
    CancellationToken stopping) : IAgentObserver
{
    private static readonly DurationRange AnswerDelay = new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
    private static readonly TimeSpan BackFromNoAnswerDelay = TimeSpan.FromSeconds(1);

    private static readonly Disposition Resolved = new("resolved");

    private int _comingBack;

    public string AgentId => agentId;

    public IAgentGrain Grain => grainFactory.Agent(tenantId, agentId);

    public Task OnOffer(OfferNotice offer)
    {
        _ = Task.Run(() => AnswerAsync(offer), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task OnOfferEnded(string interactionId, OfferOutcome outcome)
    {
        counters.OnOfferEnded(outcome);
        return Task.CompletedTask;
    }

    public Task OnStateChanged(AgentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot is { Presence: Presence.NotReady, Reason: NotReadyReasons.NoAnswer }
            && Interlocked.Exchange(ref _comingBack, 1) == 0)
        {
            _ = Task.Run(ComeBackAsync, CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    private async Task AnswerAsync(OfferNotice offer)
    {
        var id = offer.InteractionId;
        var interaction = grainFactory.Interaction(tenantId, id);
        var roll = Random.Shared.NextDouble();
        if (roll >= options.AcceptShare + options.RejectShare)
        {
            DemoLog.AgentAction(logger, agentId, "lets ring out", id);
            return;
        }
        if (!await Step("think about", id, () => Task.Delay(AnswerDelay.Pick(Random.Shared), stopping)))
        {
            return;
        }
        if (roll >= options.AcceptShare)
        {
            if (await Step("reject", id, () => interaction.Reject(agentId)))
            {
                DemoLog.AgentAction(logger, agentId, "rejected", id);
            }
            return;
        }
        if (!await Step("accept", id, () => interaction.Accept(agentId)))
        {
            return;
        }
        counters.OnConnected();
        DemoLog.AgentAction(logger, agentId, "accepted", id);
        var status = InteractionStatus.None;
        if (!await Step("talk on", id, () => Task.Delay(options.TalkTime.Pick(Random.Shared), stopping))
            || !await Step("look at", id, async () => status = (await interaction.GetSnapshot()).Status))
        {
            return;
        }
        // A customer who hung up during the conversation has ended it already.
        if (status == InteractionStatus.Connected && !await Step("end", id, () => interaction.End(agentId)))
        {
            return;
        }
        if (await Step("wrap up", id, () => Task.Delay(options.WrapUp.Pick(Random.Shared), stopping))
            && await Step("complete", id, () => interaction.Complete(agentId, Resolved)))
        {
            counters.OnCompleted();
            DemoLog.AgentAction(logger, agentId, "completed", id);
        }
    }

    private async Task ComeBackAsync()
    {
        DemoLog.BackFromNoAnswer(logger, agentId);
        if (await Step("wait to come back", "after no-answer", () => Task.Delay(BackFromNoAnswerDelay, stopping)))
        {
            Volatile.Write(ref _comingBack, 0);
            await Step("set itself ready", "after no-answer", () => Grain.SetReady());
        }
    }

    private Task<bool> Step(string action, string interactionId, Func<Task> step) =>
        DemoCall.TryAsync(logger, $"agent {agentId}", action, interactionId, step, stopping);
}
