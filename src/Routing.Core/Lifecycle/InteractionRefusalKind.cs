namespace Routing.Core.Lifecycle;

/// <summary>Why <see cref="InteractionCase"/> refused a request; the grain answers with the matching routing error.</summary>
public enum InteractionRefusalKind
{
    /// <summary>Malformed input (a bad agent id, an out-of-range extension).</summary>
    InvalidArgument,
    /// <summary>The interaction does not exist.</summary>
    NotFound,
    /// <summary>The request does not fit the interaction's status or its agent.</summary>
    FailedPrecondition,
}
