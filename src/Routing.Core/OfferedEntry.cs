namespace Routing.Core;

/// <summary>An interaction taken out of line while it is offered, kept so it can go back to its place.</summary>
[GenerateSerializer, Immutable, Alias("routing.offered-entry")]
public sealed record OfferedEntry(
    [property: Id(0)] WaitingEntry Entry,
    [property: Id(1)] string AgentId,
    [property: Id(2)] DateTimeOffset Since);
