using Routing.Abstractions.Interactions;
using Routing.Core.Lifecycle;

namespace Routing.Demo;

/// <summary>
/// What a <see cref="SimulatedAgent"/> says to the centre, over whichever transport its host has: grain
/// calls (<see cref="GrainAgentCommands"/>) or an agent session over gRPC (the command line's).
/// </summary>
/// <remarks>Each interaction command returns false when the centre refused it because the interaction or the agent
/// moved on meanwhile (the offer timed out or the customer hung up first): a race a real app meets, not
/// a fault. Anything else throws.</remarks>
public interface IAgentCommands
{
    /// <summary>Makes the agent available for offers. Never a race: a refusal throws.</summary>
    Task SetReadyAsync(CancellationToken cancellationToken);

    /// <summary>Takes a ringing offer.</summary>
    Task<bool> AcceptAsync(string interactionId, CancellationToken cancellationToken);

    /// <summary>Declines a ringing offer.</summary>
    Task<bool> RejectAsync(string interactionId, CancellationToken cancellationToken);

    /// <summary>Ends the conversation; wrap-up starts.</summary>
    Task<bool> EndAsync(string interactionId, CancellationToken cancellationToken);

    /// <summary>Finishes the interaction (from wrap-up, or straight from the conversation).</summary>
    Task<bool> CompleteAsync(string interactionId, Disposition disposition, CancellationToken cancellationToken);
}
