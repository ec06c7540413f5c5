using Routing.Core;

namespace Routing.History.Reports;

/// <summary>
/// Which interactions to find: those of the tenant that arrived in [<see cref="From"/>, <see cref="To"/>), narrowed by
/// every filter given (null: any). Pages come newest first; <see cref="After"/> continues after the last one returned.
/// </summary>
public sealed record InteractionSearch
{
    public required string TenantId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>The queue it ended in.</summary>
    public string? QueueId { get; init; }

    /// <summary>An agent who handled it (any leg, not only the last).</summary>
    public string? AgentId { get; init; }

    public string? CustomerId { get; init; }

    /// <summary>With <see cref="CustomerId"/> of a tenant whose policy protects customer ids: the keyed hashes the id may be
    /// stored as (one per key); an interaction matches by its id or by one of these.</summary>
    public IReadOnlyList<string>? CustomerIdHashes { get; init; }

    /// <summary>Only interactions whose customer number has one of these keyed hashes (the number's hash under each of the
    /// tenant's keys; see PersonalData/PersonalDataHash.Candidates). Null: any number.</summary>
    public IReadOnlyList<string>? CustomerNumberHashes { get; init; }

    public string? DispositionCode { get; init; }

    /// <summary>Its state (final or not).</summary>
    public InteractionStatus? State { get; init; }

    /// <summary>At most this many per page.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Where the previous page ended (<see cref="InteractionPage.Next"/>); null for the first page.</summary>
    public SearchPosition? After { get; init; }
}

/// <summary>One page of a search, newest first, and where the next page starts (null when this was the last).</summary>
public sealed record InteractionPage(IReadOnlyList<InteractionRecord> Interactions, SearchPosition? Next);

/// <summary>A place in a search's order (arrival, then interaction id, both descending): the last row of a page.</summary>
public sealed record SearchPosition(DateTimeOffset ArrivedAt, string InteractionId)
{
    private const char Separator = '|';

    /// <summary>An opaque token a caller hands back for the next page.</summary>
    public string ToToken() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        $"{ArrivedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}{Separator}{InteractionId}"));

    /// <summary>The position a token stands for; false when it is not one this type made.</summary>
    public static bool TryParse(string token, out SearchPosition? position)
    {
        position = null;
        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var length))
        {
            return false;
        }
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
        var separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || !long.TryParse(text.AsSpan(0, separator), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || EntityId.Problem("interaction", text[(separator + 1)..]) is not null)
        {
            return false;
        }
        position = new SearchPosition(new DateTimeOffset(ticks, TimeSpan.Zero), text[(separator + 1)..]);
        return true;
    }
}
