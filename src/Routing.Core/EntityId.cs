using System.Text.RegularExpressions;

namespace Routing.Core;

/// <summary>
/// Rules for the ids of tenants, queues, agents, skills and interactions: 1–64 characters of letters,
/// digits and <c>- _ .</c>, starting with a letter or digit. A <c>/</c> is never allowed because grain
/// keys are composed as <c>tenant/id</c>.
/// </summary>
public static partial class EntityId
{
    public const int MaxLength = 64;

    // \z, not $: in .NET "$" also matches before a final newline.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary><paramref name="id"/> for an error message: as is when it fits the id length, else its first
    /// characters, so a message about an over-long id stays short.</summary>
    public static string Shown(string? id) => id switch
    {
        null => string.Empty,
        { Length: > MaxLength } => $"{id[..ShownPrefixLength]}…",
        _ => id,
    };

    private const int ShownPrefixLength = 16;

    /// <summary>Returns a sentence describing why <paramref name="id"/> is not valid, or null when it is.</summary>
    public static string? Problem(string kind, string? id) => id switch
    {
        null or "" => $"{kind} id is missing",
        { Length: > MaxLength } => $"{kind} id '{Shown(id)}' is longer than {MaxLength} characters",
        _ when !IsValid(id) => $"{kind} id '{id}' may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit",
        _ => null,
    };
}
