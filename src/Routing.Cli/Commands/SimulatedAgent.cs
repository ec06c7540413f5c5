using Grpc.Core;
using Routing.Client;
using Routing.Client.Agents;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary>One simulated agent app: logs in, becomes ready, and answers offers as its behaviour says;
/// logs out when stopped.</summary>
internal sealed class SimulatedAgent(string agentId, RoutingClient client, SimulatedBehaviour behaviour, SimulationTally tally, IAnsiConsole console)
{
    public async Task RunAsync(CancellationToken stop)
    {
        await using var session = await client.OpenAgentSessionAsync(agentId, cancellationToken: stop);
        await session.SetReadyAsync(stop);
        console.MarkupLine($"[green]{Markup.Escape(agentId)}[/] ready (session {Markup.Escape(session.SessionId)})");
        var work = new List<Task>();
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(stop))
            {
                switch (e)
                {
                    case OfferReceived offer:
                        tally.Offered(agentId);
                        work.Add(HandleAsync(session, offer.Offer.InteractionId, stop));
                        break;
                    case SessionReconnecting:
                        console.MarkupLine($"[yellow]{Markup.Escape(agentId)}[/] connection lost, reconnecting");
                        break;
                    case SessionReconnected back:
                        console.MarkupLine($"[yellow]{Markup.Escape(agentId)}[/] reconnected (resumed: {back.Started.Resumed})");
                        break;
                    case SessionClosed closed:
                        console.MarkupLine($"[red]{Markup.Escape(agentId)}[/] session closed: {Markup.Escape(closed.Reason)}");
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Asked to stop: finish what is in hand, then log out.
        }
        await Task.WhenAll(work);
        await LogoutAsync(session);
    }

    private async Task HandleAsync(AgentSession session, string interactionId, CancellationToken stop)
    {
        try
        {
            await Task.Delay(behaviour.AnswerAfter, stop);
            if (Random.Shared.NextDouble() < behaviour.RejectShare)
            {
                await session.RejectAsync(interactionId, stop);
                tally.Rejected(agentId);
                return;
            }
            await session.AcceptAsync(interactionId, stop);
            tally.Accepted(agentId);
            // Once accepted, the call is finished properly even when asked to stop.
            await Task.Delay(behaviour.Talk, CancellationToken.None);
            await session.EndAsync(interactionId, CancellationToken.None);
            await Task.Delay(behaviour.WrapUp, CancellationToken.None);
            await CompleteAsync(session, interactionId);
            tally.Completed(agentId);
        }
        catch (AgentCommandException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            // The offer ended before the answer (customer hung up, ring timeout).
            tally.Lost(agentId);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while ringing: the offer goes back to its queue when the agent logs out.
        }
    }

    private static async Task CompleteAsync(AgentSession session, string interactionId)
    {
        try
        {
            await session.CompleteAsync(interactionId, "simulated");
        }
        catch (AgentCommandException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            // A queue without wrap-up time completes the interaction when it ends.
        }
    }

    private async Task LogoutAsync(AgentSession session)
    {
        try
        {
            await session.LogoutAsync();
            console.MarkupLine($"[grey]{Markup.Escape(agentId)}[/] logged out");
        }
        catch (AgentCommandException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(agentId)}[/] could not log out: {Markup.Escape(e.Message)}");
        }
    }
}
