namespace Routing.History.Reports;

/// <summary>
/// The store's report queries, run once its schema is up to date: the first query migrates (as the recorder does before
/// its first write; migrating twice is harmless), so reports work on a new database and on one a newer version of the
/// schema reached. A failed migration is tried again by the next query.
/// </summary>
internal sealed class MigratedReports(IHistoryStore store) : IHistoryReports
{
    private readonly Storage.MigrationGate _migration = new(token => store.MigrateAsync(token));
    private readonly IHistoryReports _reports = store as IHistoryReports
        ?? throw new ArgumentException($"the history store {store.GetType().Name} has no report queries", nameof(store));

    public async Task<QueueReport> QueueReportAsync(QueueReportQuery query, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await _reports.QueueReportAsync(query, cancellationToken);
    }

    public async Task<AgentReport> AgentReportAsync(AgentReportQuery query, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await _reports.AgentReportAsync(query, cancellationToken);
    }

    public async Task<IReadOnlyList<DispositionRow>> DispositionReportAsync(DispositionQuery query, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await _reports.DispositionReportAsync(query, cancellationToken);
    }

    public async Task<InteractionPage> SearchAsync(InteractionSearch search, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await _reports.SearchAsync(search, cancellationToken);
    }

    public async Task<InteractionTimeline?> TimelineAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await _reports.TimelineAsync(tenantId, interactionId, cancellationToken);
    }

    private Task MigrateAsync(CancellationToken cancellationToken) => _migration.EnsureAsync(cancellationToken);
}
