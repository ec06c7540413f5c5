namespace Routing.Core;

/// <summary>An agent who may not be offered an interaction again before <see cref="Until"/>
/// (they rejected it or let the offer time out).</summary>
[GenerateSerializer, Immutable, Alias("routing.agent-exclusion")]
public sealed record AgentExclusion([property: Id(0)] string AgentId, [property: Id(1)] DateTimeOffset Until);
