namespace Routing.Core.Lifecycle;

/// <summary>An event the grain records and publishes, with the status it leaves the interaction in (a transition
/// that passes through a status, such as an end of talk that completes at once, notes each step).</summary>
public sealed record InteractionNote(InteractionEventKind Kind, InteractionStatus Status, string? AgentId, string? Detail);
