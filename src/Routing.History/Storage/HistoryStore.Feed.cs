using Routing.History.Feed;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>The event feed's reads. Its rows are appended by the providers' batch writes (<see cref="FeedEntries"/>), in
/// the transaction of the facts they come from.</summary>
internal abstract partial class HistoryStore : IEventFeed
{
    protected const string FeedTable = HistoryTables.FeedTableName;

    private MigrationGate? _feedMigration;

    /// <summary>Feed reads migrate first, as the reports do: a reader may come before the recorder's first write.</summary>
    private MigrationGate FeedMigration => LazyInitializer.EnsureInitialized(ref _feedMigration, () => new MigrationGate(MigrateAsync));

    public FeedSignal Appended { get; } = new();

    /// <summary>Where the batch writes take their <see cref="FeedEntries"/> from (and give them back after the commit).</summary>
    protected FeedBuffers Feeds { get; } = new();

    public async Task<IReadOnlyList<FeedEvent>> ReadAsync(string tenantId, long afterPosition, FeedTypeFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await FeedMigration.EnsureAsync(cancellationToken);
        var parameters = new SqlParameters();
        var sql = $"SELECT position, type, subject, at, data FROM {FeedTable} WHERE tenant_id = {parameters.Add(tenantId)} AND position > {parameters.Add(afterPosition)}";
        if (!filter.IsEmpty)
        {
            var exact = filter.Types.Select(type => $"type = {parameters.Add(type)}");
            var prefixes = filter.Prefixes.Select(prefix => $"substr(type, 1, {prefix.Length}) = {parameters.Add(prefix)}");
            sql += $" AND ({string.Join(" OR ", exact.Concat(prefixes))})";
        }
        sql += $" ORDER BY position LIMIT {parameters.Add((long)limit)}";
        return await QueryAsync(sql, parameters.Values,
            row => new FeedEvent(tenantId, row.Integer("position"), row.Text("type"), row.Text("subject"), row.Time("at"), row.Text("data")), cancellationToken);
    }

    public async Task<long> LatestPositionAsync(string tenantId, CancellationToken cancellationToken)
    {
        await FeedMigration.EnsureAsync(cancellationToken);
        var rows = await QueryAsync($"SELECT COALESCE(MAX(position), 0) AS last FROM {FeedTable} WHERE tenant_id = @tenant",
            new Dictionary<string, object> { ["tenant"] = tenantId }, row => row.Integer("last"), cancellationToken);
        return rows[0];
    }

    /// <summary>Wakes this process's feed readers once a transaction that appended events committed.</summary>
    protected void NotifyFeed(FeedEntries feed)
    {
        if (feed.Count > 0)
        {
            Appended.Notify();
        }
    }
}
