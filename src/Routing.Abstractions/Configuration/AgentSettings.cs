namespace Routing.Abstractions.Configuration;

/// <summary>What the tenant hands an agent grain: its definition, the queues it resolved for it, and
/// the tenant-wide rules that apply to agents (including the time zone its "today" is counted in).</summary>
[GenerateSerializer, Immutable, Alias("routing.agent-settings")]
public sealed record AgentSettings(
    [property: Id(0)] AgentDefinition Definition,
    [property: Id(1)] string[] Queues,
    [property: Id(2)] int NoAnswerThreshold,
    [property: Id(3)] bool VoiceIsExclusive,
    [property: Id(4)] string TimeZone = "UTC");
