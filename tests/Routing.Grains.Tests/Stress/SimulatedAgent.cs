using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Tests.Stress;

/// <summary>
/// An agent's app driven by dice: accepts, rejects or lets offers ring out; talks briefly; completes
/// with a disposition or lets wrap-up time run out; makes itself ready again after a no-answer.
/// </summary>
internal sealed class SimulatedAgent(string agentId, IAgentGrain agent, Func<string, IInteractionGrain> interaction, int seed, StressRun run) : IAgentObserver
{
    private readonly Random _dice = new(seed);
    private readonly Lock _diceLock = new();

    public string AgentId => agentId;

    public Task OnOffer(OfferNotice offer)
    {
        run.Track(HandleOfferAsync(offer));
        return Task.CompletedTask;
    }

    public Task OnOfferEnded(string interactionId, OfferOutcome outcome) => Task.CompletedTask;

    public Task OnStateChanged(AgentSnapshot snapshot)
    {
        if (snapshot.Presence == Presence.NotReady && snapshot.Reason == NotReadyReasons.NoAnswer)
        {
            run.Track(ReadyAgainAsync());
        }
        return Task.CompletedTask;
    }

    private async Task HandleOfferAsync(OfferNotice offer)
    {
        var (roll, talk, completeEarly) = Roll();
        var call = interaction(offer.InteractionId);
        await Task.Delay(talk / 4);
        if (roll < 0.10)
        {
            await run.Expecting(call.Reject(agentId));
            return;
        }
        if (roll < 0.18)
        {
            return; // let it ring out
        }
        if (!await run.Expecting(call.Accept(agentId)))
        {
            return;
        }
        await Task.Delay(talk);
        if (completeEarly)
        {
            await run.Expecting(call.Complete(agentId, new Disposition("resolved", "simulated")));
        }
        else
        {
            await run.Expecting(call.End(agentId)); // wrap-up time runs out by itself
        }
    }

    private async Task ReadyAgainAsync()
    {
        await Task.Delay(20);
        await agent.SetReady();
    }

    private (double Roll, TimeSpan Talk, bool CompleteEarly) Roll()
    {
        lock (_diceLock)
        {
            return (_dice.NextDouble(), TimeSpan.FromMilliseconds(_dice.Next(5, 60)), _dice.NextDouble() < 0.5);
        }
    }
}
