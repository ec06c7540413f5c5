namespace Routing.History;

/// <summary>
/// A fact the history store keeps: an interaction (with its legs), one event of an interaction's timeline, one
/// agent state interval or one supervisor action. Each has a key that makes writing it twice store it once.
/// </summary>
public abstract record HistoryFact
{
    /// <summary>Only this assembly's four kinds of fact: the writers know each one's table.</summary>
    private protected HistoryFact()
    {
    }

    /// <summary>The tenant the fact belongs to; every key and every report starts with it.</summary>
    public required string TenantId { get; init; }
}
