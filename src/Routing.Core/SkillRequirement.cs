namespace Routing.Core;

/// <summary>A skill an interaction needs, with the lowest proficiency level that will do.</summary>
[GenerateSerializer, Immutable, Alias("routing.skill-requirement")]
public sealed record SkillRequirement([property: Id(0)] string Skill, [property: Id(1)] int MinimumLevel);

/// <summary>A skill an agent has, at a proficiency level.</summary>
[GenerateSerializer, Immutable, Alias("routing.skill-level")]
public sealed record SkillLevel([property: Id(0)] string Skill, [property: Id(1)] int Level);
