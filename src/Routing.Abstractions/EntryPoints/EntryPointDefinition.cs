using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Abstractions.EntryPoints;

/// <summary>
/// Where contacts come in: the numbers dialled (DIDs, the SIP Request-URI's user) or chat and API addresses that lead
/// to it, the queue, priority and skills a contact gets by default, and ordered rules on what is known of the contact
/// that change them (the first rule that matches wins). Part of the tenant configuration, so every gateway (SIP, chat,
/// a CRM connector) routes the same way; <see cref="Mode"/> and <see cref="VoicemailUri"/> are for telephony gateways.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.entry-point")]
public sealed record EntryPointDefinition
{
    public const int MaxAddresses = 1_000;
    public const int MaxAddressLength = 128;
    public const int MaxRules = 100;
    public const int MaxUriLength = 512;

    [Id(0)] public required string EntryPointId { get; init; }

    [Id(1)] public string? Name { get; init; }

    /// <summary>Dialled numbers or addresses, matched exactly; unique in the tenant.</summary>
    [Id(2)] public string[] Addresses { get; init; } = [];

    [Id(3)] public required string QueueId { get; init; }

    [Id(4)] public int Priority { get; init; }

    [Id(5)] public SkillRequirement[] ExtraSkills { get; init; } = [];

    [Id(6)] public EntryPointMode Mode { get; init; } = EntryPointMode.Redirect;

    /// <summary>A SIP or tel URI a telephony gateway redirects the caller to when the queue overflows to voicemail.</summary>
    [Id(7)] public string? VoicemailUri { get; init; }

    [Id(8)] public EntryRule[] Rules { get; init; } = [];

    /// <summary>Where <paramref name="call"/> goes: the first matching rule over the defaults.</summary>
    public EntryDecision Decide(EntryCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var decision = new EntryDecision
        {
            EntryPointId = EntryPointId,
            QueueId = QueueId,
            Priority = Priority,
            ExtraSkills = ExtraSkills,
            Mode = Mode,
            VoicemailUri = VoicemailUri,
        };
        foreach (var rule in Rules)
        {
            if (rule.Matches(call))
            {
                return decision with
                {
                    QueueId = rule.QueueId ?? QueueId,
                    Priority = rule.Priority ?? Priority,
                    ExtraSkills = WithRuleSkills(rule.ExtraSkills),
                    PreferredAgentId = PreferredAgent(rule, call),
                    RuleId = rule.RuleId,
                };
            }
        }
        return decision;
    }

    public IEnumerable<string> Problems()
    {
        var owner = $"entry point '{EntityId.Shown(EntryPointId)}'";
        if (EntityId.Problem("entry point", EntryPointId) is { } idProblem)
        {
            yield return idProblem;
        }
        if (TextLimits.Problem($"{owner}: name", Name, TextLimits.MaxNameLength) is { } nameProblem)
        {
            yield return nameProblem;
        }
        if (EntityId.Problem($"{owner}: queue", QueueId) is { } queueProblem)
        {
            yield return queueProblem;
        }
        if (Priority is < 0 or > InteractionSpec.MaxPriority)
        {
            yield return $"{owner}: priority {Priority} is outside 0–{InteractionSpec.MaxPriority}";
        }
        if (!Enum.IsDefined(Mode))
        {
            yield return $"{owner}: unknown mode {(int)Mode}";
        }
        if (VoicemailUri is not null && (VoicemailUri.Length is 0 or > MaxUriLength || !IsSipOrTelUri(VoicemailUri)))
        {
            yield return $"{owner}: voicemail must be a sip:, sips: or tel: URI of at most {MaxUriLength} characters";
        }
        foreach (var problem in SkillRules.Problems(owner, ExtraSkills))
        {
            yield return problem;
        }
        if (Addresses is null || Addresses.Length > MaxAddresses)
        {
            yield return $"{owner}: addresses must be a list of at most {MaxAddresses}";
        }
        else
        {
            foreach (var bad in Addresses.Where(address => !IsAddress(address)).Take(3))
            {
                yield return $"{owner}: address '{EntityId.Shown(bad)}' must be 1–{MaxAddressLength} printable characters without spaces";
            }
        }
        if (Rules is null || Rules.Length > MaxRules)
        {
            yield return $"{owner}: rules must be a list of at most {MaxRules}";
            yield break;
        }
        foreach (var problem in Rules.SelectMany(rule => rule?.Problems(EntityId.Shown(EntryPointId)) ?? [$"{owner}: a rule is missing"]))
        {
            yield return problem;
        }
        foreach (var duplicate in Rules.Where(rule => rule is not null).GroupBy(rule => rule.RuleId, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            yield return $"{owner}: rule '{EntityId.Shown(duplicate.Key)}' is defined more than once";
        }
    }

    private SkillRequirement[] WithRuleSkills(SkillRequirement[] ruleSkills) => ruleSkills.Length == 0
        ? ExtraSkills
        : [.. ExtraSkills.Where(own => !ruleSkills.Any(rule => rule.Skill == own.Skill)), .. ruleSkills];

    private static string? PreferredAgent(EntryRule rule, EntryCall call) =>
        rule.PreferredAgentAttribute is { } attribute && call.Attributes.GetValueOrDefault(attribute) is { } named && EntityId.IsValid(named)
            ? named
            : rule.PreferredAgentId;

    /// <summary>Whether <paramref name="address"/> can be an entry point's id or address: 1–<see cref="MaxAddressLength"/>
    /// printable characters without spaces.</summary>
    public static bool IsAddress(string? address) =>
        address is { Length: > 0 and <= MaxAddressLength } && address.All(c => c > ' ' && c < 0x7f);

    /// <summary>Whether <paramref name="uri"/> is a sip:, sips: or tel: URI of printable characters without spaces (its
    /// length is the caller's to bound).</summary>
    public static bool IsSipOrTelUri(string uri) =>
        (uri.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) && uri.All(c => c > ' ' && c < 0x7f);
}
