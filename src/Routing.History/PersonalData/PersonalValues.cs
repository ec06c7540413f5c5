namespace Routing.History.PersonalData;

/// <summary>The full personal values of one stored interaction, kept as one encrypted JSON document in its
/// <c>personal_secret</c> column (encrypt mode): whatever the policy protected when it was written.</summary>
internal sealed record PersonalValues
{
    public string? CustomerNumber { get; init; }

    public string? CallbackNumber { get; init; }

    public string? CustomerId { get; init; }

    public Dictionary<string, string>? Attributes { get; init; }
}
