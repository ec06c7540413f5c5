using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>What an interaction's status says for those who follow it.</summary>
public static class InteractionStatusExtensions
{
    /// <summary>Whether the interaction has ended for good: no event comes after one with this status.</summary>
    public static bool IsFinal(this InteractionStatus status) =>
        status is InteractionStatus.Abandoned or InteractionStatus.Completed or InteractionStatus.Overflowed or InteractionStatus.Rejected;
}
