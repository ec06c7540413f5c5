namespace Routing.Core.Lifecycle;

/// <summary>How an interaction ended, as the agent recorded it: a code and an optional note
/// (e.g. why a customer refused an offer).</summary>
[GenerateSerializer, Immutable, Alias("routing.disposition")]
public sealed record Disposition([property: Id(0)] string Code, [property: Id(1)] string? Note = null)
{
    public const int MaxNoteLength = 2_000;

    public string? Problem() => EntityId.Problem("disposition", Code) is { } problem
        ? problem
        : Note is { Length: > MaxNoteLength } ? $"disposition note is longer than {MaxNoteLength} characters" : null;
}
