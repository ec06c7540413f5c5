namespace Routing.History.Reports;

/// <summary>The reports over the history store. Every query is scoped to one tenant; none changes anything.</summary>
public interface IHistoryReports
{
    /// <summary>The queue interval report of <paramref name="query"/>'s range.</summary>
    Task<QueueReport> QueueReportAsync(QueueReportQuery query, CancellationToken cancellationToken);

    /// <summary>One page of the interactions <paramref name="search"/> finds, newest first.</summary>
    Task<InteractionPage> SearchAsync(InteractionSearch search, CancellationToken cancellationToken);
}
