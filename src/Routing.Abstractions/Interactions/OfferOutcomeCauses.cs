using Routing.Core;

namespace Routing.Abstractions.Interactions;

/// <summary>The history cause an offer's release records for each <see cref="OfferOutcome"/>.</summary>
public static class OfferOutcomeCauses
{
    public static AgentCause ReleasedCause(this OfferOutcome outcome) => outcome switch
    {
        OfferOutcome.Rejected => AgentCause.ReleasedRejected,
        OfferOutcome.TimedOut => AgentCause.ReleasedTimedOut,
        OfferOutcome.Rescinded => AgentCause.ReleasedRescinded,
        OfferOutcome.Withdrawn => AgentCause.ReleasedWithdrawn,
        // A number no member names (a newer build's outcome): the release still happens and says so; a test
        // checks every named outcome has a cause of its own.
        _ => AgentCause.Unknown,
    };
}
