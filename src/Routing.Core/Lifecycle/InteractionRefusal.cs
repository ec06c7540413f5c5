namespace Routing.Core.Lifecycle;

/// <summary>A request <see cref="InteractionCase"/> refused, with the message the caller is answered with; nothing changed.</summary>
public sealed record InteractionRefusal(InteractionRefusalKind Kind, string Message);
