namespace Routing.History;

/// <summary>The relational history store: its schema, its idempotent batch writes and lookups by key.</summary>
public interface IHistoryStore : IAsyncDisposable
{
    HistoryProvider Provider { get; }

    /// <summary>Brings the schema to the latest version; returns the migration scripts it ran (none when already
    /// there). Safe to call from several processes at once on PostgreSQL (they take turns).</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Writes the batch in one transaction: all of it or nothing. Writing the same facts again stores each
    /// once (see <see cref="HistoryBatch"/> and the records for what a repeated key keeps).</summary>
    Task WriteAsync(HistoryBatch batch, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="exception"/> from <see cref="WriteAsync"/> means the database refused the data
    /// itself (a constraint, a value it cannot hold), not that it was unreachable: writing the same facts again cannot
    /// succeed.</summary>
    bool IsRejection(Exception exception);

    /// <summary>One interaction with its legs, or null.</summary>
    Task<InteractionRecord?> FindInteractionAsync(string tenantId, string interactionId, CancellationToken cancellationToken);

    /// <summary>An interaction's events in sequence order.</summary>
    Task<IReadOnlyList<InteractionEventRecord>> ReadTimelineAsync(string tenantId, string interactionId, CancellationToken cancellationToken);

    /// <summary>An agent's state intervals that started in [<paramref name="from"/>, <paramref name="to"/>), in order.</summary>
    Task<IReadOnlyList<AgentStateInterval>> ReadAgentIntervalsAsync(string tenantId, string agentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>A tenant's supervisor actions in [<paramref name="from"/>, <paramref name="to"/>), in time order.</summary>
    Task<IReadOnlyList<SupervisorActionRecord>> ReadSupervisorActionsAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Deletes, in one transaction, every row of the tenant older than <paramref name="before"/> from every history
    /// table (an interaction's legs and events with it); returns the rows deleted per table, every table named.</summary>
    Task<IReadOnlyDictionary<string, long>> PurgeAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>How many rows each table holds for the tenant.</summary>
    Task<HistoryCounts> CountAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>Rows stored for one tenant, per table.</summary>
public sealed record HistoryCounts(long Interactions, long Legs, long Events, long AgentIntervals, long SupervisorActions);
