namespace Routing.History;

/// <summary>Something a supervisor forced (an agent logged out or made not ready, an interaction moved or
/// reprioritised…), keyed by tenant and <see cref="ActionId"/>, which the caller makes unique (e.g. a GUID).</summary>
public sealed record SupervisorActionRecord : HistoryFact
{
    public required string ActionId { get; init; }

    /// <summary>Who did it (the supervisor's user id).</summary>
    public required string SupervisorId { get; init; }

    /// <summary>What was done, e.g. <c>force-logout</c>, <c>force-not-ready</c>, <c>move</c>, <c>reprioritise</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to: <c>agent</c>, <c>interaction</c>, <c>queue</c>.</summary>
    public required string TargetKind { get; init; }

    public required string TargetId { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? Detail { get; init; }
}
