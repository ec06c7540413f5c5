using Routing.Core;

namespace Routing.Abstractions.EntryPoints;

/// <summary>Where an entry point sends a contact: its defaults, as the first rule that matched changed them.</summary>
[GenerateSerializer, Immutable, Alias("routing.entry-decision")]
public sealed record EntryDecision
{
    /// <summary>The interaction attribute that names the entry point a contact came in by (the history's entry point).</summary>
    public const string EntryPointAttribute = "entryPoint";

    /// <summary>The interaction attribute that names the entry point's rule that routed it, when one did.</summary>
    public const string EntryRuleAttribute = "entryRule";

    [Id(0)] public required string EntryPointId { get; init; }

    [Id(1)] public required string QueueId { get; init; }

    [Id(2)] public int Priority { get; init; }

    /// <summary>Skills the contact needs beyond the queue's.</summary>
    [Id(3)] public SkillRequirement[] ExtraSkills { get; init; } = [];

    /// <summary>The agent the contact waits for first (the queue's preferred-agent wait applies), if any.</summary>
    [Id(4)] public string? PreferredAgentId { get; init; }

    /// <summary>The rule that matched; null when none did and the entry point's defaults hold.</summary>
    [Id(5)] public string? RuleId { get; init; }

    [Id(6)] public EntryPointMode Mode { get; init; }

    /// <summary>Where a gateway sends the caller when the queue overflows to voicemail; null: no voicemail.</summary>
    [Id(7)] public string? VoicemailUri { get; init; }
}
