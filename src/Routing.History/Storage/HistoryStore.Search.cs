using Routing.History.Reports;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>Interaction search: the period's interactions newest first, a page at a time (keyset paging on arrival and id,
/// so a deep page costs what the first one does), with the legs of the page's interactions.</summary>
internal abstract partial class HistoryStore
{
    public async Task<InteractionPage> SearchAsync(InteractionSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.PageSize, 1, nameof(search));
        var parameters = new SqlParameters();
        var tenant = parameters.Add(search.TenantId);
        var filters = new List<string>
        {
            $"tenant_id = {tenant}",
            $"arrived_at >= {parameters.Add(TimeValue(search.From))}",
            $"arrived_at < {parameters.Add(TimeValue(search.To))}",
        };
        if (search.QueueId is { } queue)
        {
            filters.Add($"queue_id = {parameters.Add(queue)}");
        }
        if (search.CustomerId is { } customer)
        {
            filters.Add(search.CustomerIdHashes is { Count: > 0 } idHashes
                ? $"(customer_id = {parameters.Add(customer)} OR customer_id_hash IN ({parameters.AddList(idHashes)}))"
                : $"customer_id = {parameters.Add(customer)}");
        }
        if (search.CustomerNumberHashes is { } numberHashes)
        {
            filters.Add(numberHashes.Count > 0 ? $"customer_number_hash IN ({parameters.AddList(numberHashes)})" : "1 = 0");
        }
        if (search.DispositionCode is { } disposition)
        {
            filters.Add($"disposition_code = {parameters.Add(disposition)}");
        }
        if (search.State is { } state)
        {
            filters.Add($"state = {parameters.Add(state.ToString())}");
        }
        if (search.AgentId is { } agent)
        {
            // Through the legs, which name every agent who handled it; an agent connects after the arrival.
            filters.Add($"interaction_id IN (SELECT interaction_id FROM {HistoryTables.Legs.Name} WHERE tenant_id = {tenant} " +
                $"AND agent_id = {parameters.Add(agent)} AND connected_at >= {parameters.Add(TimeValue(search.From))})");
        }
        if (search.After is { } after)
        {
            var at = parameters.Add(TimeValue(after.ArrivedAt));
            filters.Add($"(arrived_at < {at} OR (arrived_at = {at} AND interaction_id < {parameters.Add(after.InteractionId)}))");
        }
        var sql = $"SELECT {HistoryTables.Interactions.ColumnList} FROM {HistoryTables.Interactions.Name} WHERE {string.Join(" AND ", filters)} " +
            $"ORDER BY arrived_at DESC, interaction_id DESC LIMIT {parameters.Add((long)search.PageSize + 1)}";
        var rows = await QueryAsync(sql, parameters.Values, HistoryMapping.Interaction, cancellationToken);
        var page = rows.Take(search.PageSize).ToList();
        var legs = await LegsOfAsync(search.TenantId, page.Select(row => row.InteractionId).ToList(), cancellationToken);
        var interactions = page.Select(row => legs.TryGetValue(row.InteractionId, out var own) ? row with { Legs = own } : row).ToList();
        var next = rows.Count > search.PageSize ? new SearchPosition(page[^1].ArrivedAt, page[^1].InteractionId) : null;
        return new InteractionPage(interactions, next);
    }

    public async Task<InteractionTimeline?> TimelineAsync(string tenantId, string interactionId, CancellationToken cancellationToken) =>
        await FindInteractionAsync(tenantId, interactionId, cancellationToken) is { } interaction
            ? new InteractionTimeline(interaction, await ReadTimelineAsync(tenantId, interactionId, cancellationToken))
            : null;

    private async Task<Dictionary<string, List<InteractionLegRecord>>> LegsOfAsync(string tenantId, IReadOnlyList<string> interactionIds, CancellationToken cancellationToken)
    {
        if (interactionIds.Count == 0)
        {
            return [];
        }
        var parameters = new SqlParameters();
        var sql = $"SELECT {HistoryTables.Legs.ColumnList} FROM {HistoryTables.Legs.Name} " +
            $"WHERE tenant_id = {parameters.Add(tenantId)} AND interaction_id IN ({parameters.AddList(interactionIds)}) ORDER BY interaction_id, leg_index";
        var legs = await QueryAsync(sql, parameters.Values, row => (Id: row.Text("interaction_id"), Leg: HistoryMapping.Leg(row)), cancellationToken);
        return legs.GroupBy(leg => leg.Id, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Select(leg => leg.Leg).ToList(), StringComparer.Ordinal);
    }
}
