using Routing.Core;

namespace Routing.Abstractions.Configuration;

/// <summary>
/// How the tenant's history protects personal data: the customer's number or address and the callback number always,
/// the attributes named in <see cref="PersonalAttributes"/>, and the customer id when <see cref="ProtectCustomerId"/>.
/// The default masks them (safe: nothing stored can give the full value back).
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.personal-data-policy")]
public sealed record PersonalDataPolicy
{
    public static readonly PersonalDataPolicy Default = new();

    public const int MaxPersonalAttributes = 32;

    [Id(0)] public PersonalDataMode Mode { get; init; } = PersonalDataMode.Mask;

    /// <summary>Attribute keys whose values are personal (an e-mail address, an account holder's name…), protected as numbers are.</summary>
    [Id(1)] public string[] PersonalAttributes { get; init; } = [];

    /// <summary>Whether the customer id is personal too (for example a national id or an e-mail address used as the id).</summary>
    [Id(2)] public bool ProtectCustomerId { get; init; }

    /// <summary>Problems with the policy.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return $"personal data mode {(int)Mode} is not Mask, Encrypt or Plain";
        }
        if (PersonalAttributes is null)
        {
            yield return "personal data attributes are missing";
            yield break;
        }
        if (PersonalAttributes.Length > MaxPersonalAttributes)
        {
            yield return $"at most {MaxPersonalAttributes} personal data attributes";
        }
        foreach (var key in PersonalAttributes)
        {
            if (EntityId.Problem("personal data attribute", key) is { } problem)
            {
                yield return problem;
            }
        }
    }
}
