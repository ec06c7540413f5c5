using Npgsql;
using NpgsqlTypes;
using Routing.History.Feed;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The event feed's part of a PostgreSQL batch write: which facts the upserts really inserted or changed (their
/// <c>RETURNING</c> rows; a repeat returns none), and appending their events in the same transaction.
/// </summary>
internal static class PostgreSqlFeed
{
    /// <summary>Per-tenant feed locks live in this advisory-lock space ("feed" in ASCII), apart from the migration lock.</summary>
    private const int FeedLockSpace = 0x66656564;

    // Each result set names its kind in its first column: a statement without RETURNING yields none, so their order alone
    // would not say which is which.
    public const string EventsReturning = "RETURNING 'e' AS feed_kind, tenant_id, interaction_id, sequence, FALSE";
    // xmax is 0 on a row this statement inserted and set on one it updated (closed): the interval began, or it ended.
    public const string IntervalsReturning = "RETURNING 'i' AS feed_kind, tenant_id, agent_id, sequence, (xmax = 0)";
    public const string ActionsReturning = "RETURNING 'a' AS feed_kind, tenant_id, action_id, 0::bigint, FALSE";

    /// <summary>Runs the batch's statements and adds the feed events of the rows they returned to <paramref name="feed"/>.</summary>
    public static async Task ChangedAsync(NpgsqlBatch statements, HistoryBatch batch, FeedEntries feed, CancellationToken cancellationToken)
    {
        var events = batch.Events.ToDictionary(e => (e.TenantId, e.InteractionId, e.Sequence));
        var intervals = batch.AgentIntervals.ToDictionary(i => (i.TenantId, i.AgentId, i.Sequence));
        var actions = batch.SupervisorActions.ToDictionary(a => (a.TenantId, a.ActionId));
        await using var reader = await statements.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (reader.FieldCount == 5 && await reader.ReadAsync(cancellationToken))
            {
                var (tenant, id, sequence, inserted) = (reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetBoolean(4));
                switch (reader.GetString(0))
                {
                    case "e":
                        feed.Event(events[(tenant, id, sequence)]);
                        break;
                    case "i":
                        feed.Interval(intervals[(tenant, id, sequence)], inserted);
                        break;
                    default:
                        feed.Action(actions[(tenant, id)]);
                        break;
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
    }

    /// <summary>
    /// Numbers and appends the events: each tenant's last position plus one, under a transaction-scoped advisory lock on
    /// the tenant taken here, after the upserts, and held until commit. Several silos (and writers) append to one tenant
    /// at once; without the lock two could take the same position, or one could commit N+1 before the other commits N
    /// and a reader that saw N+1 would skip N for good. With it a tenant's appends commit one after another in position
    /// order, so positions have no gaps from any reader's point of view. A sequence would not do: it hands out numbers
    /// before commit, out of commit order. Tenants are locked in name order, so two batches of the same tenants cannot
    /// deadlock; the lock is taken after the rows' own locks and waits on nothing else, so it adds no cycle either. The
    /// cost is one short lock per tenant per batch, held for one insert.
    /// </summary>
    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FeedEntries feed, CancellationToken cancellationToken)
    {
        if (feed.Count == 0)
        {
            return;
        }
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var tenant in feed.Tenants())
        {
            var lockCommand = new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({FeedLockSpace}, hashtext(@tenant))");
            lockCommand.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlDbType.Text) { Value = tenant });
            statements.BatchCommands.Add(lockCommand);
        }
        var entries = feed.InTimeOrder();
        var insert = new NpgsqlBatchCommand(
            $"INSERT INTO {HistoryTables.FeedTableName} (tenant_id, position, type, subject, at, data) " +
            "SELECT u.tenant_id, last.position + row_number() OVER (PARTITION BY u.tenant_id ORDER BY u.ord), u.type, u.subject, u.at, u.data::jsonb " +
            "FROM unnest(@tenants, @types, @subjects, @ats, @datas) WITH ORDINALITY AS u(tenant_id, type, subject, at, data, ord) " +
            $"CROSS JOIN LATERAL (SELECT COALESCE(MAX(f.position), 0) AS position FROM {HistoryTables.FeedTableName} f WHERE f.tenant_id = u.tenant_id) AS last");
        insert.Parameters.Add(Column("tenants", NpgsqlDbType.Text, entries.Select(entry => entry.TenantId)));
        insert.Parameters.Add(Column("types", NpgsqlDbType.Text, entries.Select(entry => entry.Type)));
        insert.Parameters.Add(Column("subjects", NpgsqlDbType.Text, entries.Select(entry => entry.Subject)));
        insert.Parameters.Add(Column("ats", NpgsqlDbType.TimestampTz, entries.Select(entry => entry.At.UtcDateTime)));
        insert.Parameters.Add(Column("datas", NpgsqlDbType.Text, entries.Select(entry => feed.DataTextOf(entry))));
        statements.BatchCommands.Add(insert);
        await statements.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Column<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}
