namespace Routing.Core;

/// <summary>
/// Lengths of the free text the cluster stores or passes on (display names, time zones), besides ids
/// (<see cref="EntityId"/>): every string a caller sends has a bound, so none can fill a grain's state or an error message.
/// </summary>
public static class TextLimits
{
    /// <summary>Display names of tenants, queues, agents and dated exceptions of business hours.</summary>
    public const int MaxNameLength = 256;

    /// <summary>IANA time zone ids are at most about 30 characters.</summary>
    public const int MaxTimeZoneLength = 64;

    /// <summary>A sentence saying <paramref name="what"/> is too long, or null when it is at most <paramref name="maxLength"/>
    /// characters (null text is fine: the field is optional).</summary>
    public static string? Problem(string what, string? text, int maxLength) =>
        text is { Length: var length } && length > maxLength
            ? $"{what} is {length} characters long; at most {maxLength} are allowed"
            : null;
}
