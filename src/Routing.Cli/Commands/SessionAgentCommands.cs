using Grpc.Core;
using Routing.Abstractions.Interactions;
using Routing.Client.Agents;
using Routing.Core.Lifecycle;
using Routing.Demo;

namespace Routing.Cli.Commands;

/// <summary>A simulated agent's commands over its agent session (the public gRPC edge). FAILED_PRECONDITION
/// and NOT_FOUND are the races <see cref="IAgentCommands"/> answers false for: the offer ended before the
/// answer (customer hung up, ring timeout).</summary>
internal sealed class SessionAgentCommands(AgentSession session) : IAgentCommands
{
    public Task SetReadyAsync(CancellationToken cancellationToken) => session.SetReadyAsync(cancellationToken);

    public Task<bool> AcceptAsync(string interactionId, CancellationToken cancellationToken) =>
        Refusable(session.AcceptAsync(interactionId, cancellationToken));

    public Task<bool> RejectAsync(string interactionId, CancellationToken cancellationToken) =>
        Refusable(session.RejectAsync(interactionId, cancellationToken));

    public Task<bool> EndAsync(string interactionId, CancellationToken cancellationToken) =>
        Refusable(session.EndAsync(interactionId, cancellationToken));

    public Task<bool> CompleteAsync(string interactionId, Disposition disposition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        return Refusable(session.CompleteAsync(interactionId, disposition.Code, disposition.Note ?? "", cancellationToken));
    }

    private static async Task<bool> Refusable(Task command)
    {
        try
        {
            await command;
            return true;
        }
        catch (AgentCommandException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            return false;
        }
    }
}
