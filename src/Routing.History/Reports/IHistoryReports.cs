namespace Routing.History.Reports;

/// <summary>The reports over the history store. Every query is scoped to one tenant; none changes anything.</summary>
public interface IHistoryReports
{
    /// <summary>The queue interval report of <paramref name="query"/>'s range.</summary>
    Task<QueueReport> QueueReportAsync(QueueReportQuery query, CancellationToken cancellationToken);

    /// <summary>The agent report of <paramref name="query"/>'s period.</summary>
    Task<AgentReport> AgentReportAsync(AgentReportQuery query, CancellationToken cancellationToken);

    /// <summary>Interactions per client, queue and disposition code, by client, queue and code.</summary>
    Task<IReadOnlyList<DispositionRow>> DispositionReportAsync(DispositionQuery query, CancellationToken cancellationToken);

    /// <summary>One page of the interactions <paramref name="search"/> finds, newest first.</summary>
    Task<InteractionPage> SearchAsync(InteractionSearch search, CancellationToken cancellationToken);

    /// <summary>One interaction (with its legs) and its events in sequence order; null when the tenant has no such interaction.</summary>
    Task<InteractionTimeline?> TimelineAsync(string tenantId, string interactionId, CancellationToken cancellationToken);
}

/// <summary>An interaction as stored, with every event of its timeline.</summary>
public sealed record InteractionTimeline(InteractionRecord Interaction, IReadOnlyList<InteractionEventRecord> Events);
