using Microsoft.Extensions.Logging.Abstractions;
using Routing.Client;
using Routing.Client.Agents;
using Routing.Contracts.V1;
using NotReadyReasons = Routing.Core.NotReadyReasons;
using Routing.Demo;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary>One simulated agent app over the agent stream: logs in, becomes ready, passes the session's
/// events to a <see cref="SimulatedAgent"/> (which answers offers as its behaviour says), and once stopped
/// finishes the calls in hand and logs out.</summary>
internal sealed class SimulatedAgentSession(string agentId, RoutingClient client, AgentBehaviour behaviour, SimulationTally tally, IAnsiConsole console)
{
    public async Task RunAsync(CancellationToken stop)
    {
        await using var session = await client.OpenAgentSessionAsync(agentId, cancellationToken: stop);
        await session.SetReadyAsync(stop);
        console.MarkupLine($"[green]{Markup.Escape(agentId)}[/] ready (session {Markup.Escape(session.SessionId)})");
        var agent = new SimulatedAgent(agentId, new SessionAgentCommands(session), behaviour, tally, NullLogger.Instance, stop);
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(stop))
            {
                switch (e)
                {
                    case OfferReceived offer:
                        agent.Offered(offer.Offer.InteractionId);
                        break;
                    case OfferClosed { Outcome: OfferOutcome.TimedOut } closed:
                        agent.OfferTimedOut(closed.InteractionId);
                        break;
                    case AgentStateChanged { State: { Presence: Presence.NotReady, Reason: NotReadyReasons.NoAnswer } }:
                        agent.MadeNotReadyForNoAnswer();
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
        await agent.DrainAsync();
        await LogoutAsync(session);
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
