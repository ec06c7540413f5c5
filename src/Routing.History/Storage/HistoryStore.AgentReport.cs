using Routing.Core;
using Routing.History.Reports;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>The agent report (state intervals overlapping the period, legs per agent and channel summed by the database,
/// offers that timed out per agent) and the disposition report.</summary>
internal abstract partial class HistoryStore
{
    public async Task<AgentReport> AgentReportAsync(AgentReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new SqlParameters();
        var intervals = await QueryAsync(
            $"SELECT {HistoryTables.AgentIntervals.ColumnList} FROM {HistoryTables.AgentIntervals.Name} " +
            $"WHERE {AgentFilter(query, "tenant_id", "agent_id", parameters)} AND started_at >= {parameters.Add(TimeValue(query.From - AgentReportQuery.Lookback))} " +
            $"AND started_at < {parameters.Add(TimeValue(query.To))} AND (ended_at IS NULL OR ended_at > {parameters.Add(TimeValue(query.From))}) ORDER BY agent_id, started_at, sequence",
            parameters.Values, HistoryMapping.AgentInterval, cancellationToken);

        parameters = new SqlParameters();
        var ended = "COALESCE(l.ended_at, l.connected_at)";
        var legs = await QueryAsync(
            $"SELECT l.agent_id, i.channel, COUNT(*) AS handled, {Count("l.transferred")} AS transfers, " +
            $"CAST(SUM({MillisecondsBetween("l.connected_at", ended)}) AS BIGINT) AS talk_ms, " +
            $"CAST(SUM({MillisecondsBetween(ended, $"COALESCE(l.wrap_up_ended_at, {ended})")}) AS BIGINT) AS wrap_up_ms " +
            $"FROM {HistoryTables.Legs.Name} l JOIN {HistoryTables.Interactions.Name} i ON i.tenant_id = l.tenant_id AND i.interaction_id = l.interaction_id " +
            $"WHERE {AgentFilter(query, "l.tenant_id", "l.agent_id", parameters)} AND l.connected_at >= {parameters.Add(TimeValue(query.From))} AND l.connected_at < {parameters.Add(TimeValue(query.To))} " +
            "GROUP BY l.agent_id, i.channel",
            parameters.Values,
            row => (row.Text("agent_id"), row.Enum<Channel>("channel"), new ChannelWork(row.Integer("handled"), row.Milliseconds("talk_ms"), row.Milliseconds("wrap_up_ms")), row.Integer("transfers")),
            cancellationToken);

        parameters = new SqlParameters();
        var ringNoAnswers = await QueryAsync(
            $"SELECT agent_id, COUNT(*) AS n FROM {HistoryTables.Events.Name} WHERE {AgentFilter(query, "tenant_id", "agent_id", parameters)} " +
            $"AND at >= {parameters.Add(TimeValue(query.From))} AND at < {parameters.Add(TimeValue(query.To))} " +
            $"AND kind = {parameters.Add(Core.Lifecycle.InteractionEventKind.OfferTimedOut.ToString())} AND agent_id IS NOT NULL GROUP BY agent_id",
            parameters.Values, row => (Agent: row.Text("agent_id"), Count: row.Integer("n")), cancellationToken);

        return AgentReportAssembler.Assemble(query, intervals, legs, ringNoAnswers.ToDictionary(row => row.Agent, row => row.Count, StringComparer.Ordinal));
    }

    public async Task<IReadOnlyList<DispositionRow>> DispositionReportAsync(DispositionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new SqlParameters();
        var filter = $"tenant_id = {parameters.Add(query.TenantId)} AND arrived_at >= {parameters.Add(TimeValue(query.From))} AND arrived_at < {parameters.Add(TimeValue(query.To))}";
        if (query.QueueIds.Count > 0)
        {
            filter += $" AND queue_id IN ({parameters.AddList(query.QueueIds)})";
        }
        var rows = await QueryAsync(
            $"SELECT client_id, queue_id, disposition_code, COUNT(*) AS n FROM {HistoryTables.Interactions.Name} WHERE {filter} GROUP BY client_id, queue_id, disposition_code",
            parameters.Values,
            row => new DispositionRow(row.NullableText("client_id"), row.Text("queue_id"), row.NullableText("disposition_code"), row.Integer("n")),
            cancellationToken);
        // Sorted here: the databases order nulls and text differently.
        return [.. rows.OrderBy(row => row.ClientId, StringComparer.Ordinal).ThenBy(row => row.QueueId, StringComparer.Ordinal).ThenBy(row => row.Code, StringComparer.Ordinal)];
    }

    private static string AgentFilter(AgentReportQuery query, string tenantColumn, string agentColumn, SqlParameters parameters)
    {
        var filter = $"{tenantColumn} = {parameters.Add(query.TenantId)}";
        return query.AgentIds.Count == 0 ? filter : $"{filter} AND {agentColumn} IN ({parameters.AddList(query.AgentIds)})";
    }
}
