namespace Routing.History.PersonalData;

/// <summary>
/// The masked form of a number or address: every character but the last four replaced by <c>•</c>
/// (<c>+442079460123</c> → <c>•••••••••0123</c>); a value of six characters or fewer becomes <c>••••</c>, so a short
/// value is not given away by its last four. Masking a masked value changes nothing.
/// </summary>
public static class PersonalDataMask
{
    public const char MaskCharacter = '•';

    /// <summary>Characters kept at the end.</summary>
    public const int KeptCharacters = 4;

    /// <summary>The longest value masked whole.</summary>
    public const int MaskedWholeUpTo = 6;

    private static readonly string Whole = new(MaskCharacter, KeptCharacters);

    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaskedWholeUpTo
            ? Whole
            : string.Concat(new string(MaskCharacter, value.Length - KeptCharacters), value.AsSpan(value.Length - KeptCharacters));
    }

    public static string? MaskOrNull(string? value) => value is null ? null : Mask(value);
}
