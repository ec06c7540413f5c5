using System.Text.Json;

namespace Routing.History.Feed;

/// <summary>
/// The feed events of one batch, built from the facts the batch's statements really inserted or changed (a repeat of
/// a stored fact adds none). Handed to the store in time order, which then numbers them.
/// </summary>
internal sealed class FeedEntries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<FeedEntry> _entries = [];

    public int Count => _entries.Count;

    /// <summary>The events in time order (a stable sort: facts of one time keep the batch's order).</summary>
    public IReadOnlyList<FeedEntry> InTimeOrder() => [.. _entries.OrderBy(entry => entry.At)];

    /// <summary>The tenants with events, in order (the order PostgreSQL takes their locks in).</summary>
    public IReadOnlyList<string> Tenants() => [.. _entries.Select(entry => entry.TenantId).Distinct().Order(StringComparer.Ordinal)];

    public void Event(InteractionEventRecord stored) => _entries.Add(new(stored.TenantId, FeedEventTypes.Interaction(stored.Kind), stored.InteractionId, stored.At,
        JsonSerializer.Serialize(new
        {
            stored.InteractionId, stored.Sequence, Kind = stored.Kind.ToString(), Status = stored.Status.ToString(), stored.QueueId, stored.AgentId, stored.Detail,
        }, Json)));

    /// <summary>An interval stored for the first time (<paramref name="inserted"/>: it began; also ended when it came
    /// closed), or an open one the write closed.</summary>
    public void Interval(AgentStateInterval stored, bool inserted)
    {
        var data = JsonSerializer.Serialize(new
        {
            stored.AgentId, stored.Sequence, Presence = stored.Presence.ToString(), stored.Reason, stored.Load, stored.Cause, stored.InteractionId,
            stored.StartedAt, stored.EndedAt,
        }, Json);
        if (inserted)
        {
            _entries.Add(new(stored.TenantId, FeedEventTypes.AgentStateChanged, stored.AgentId, stored.StartedAt, data));
        }
        if (stored.EndedAt is { } ended)
        {
            _entries.Add(new(stored.TenantId, FeedEventTypes.AgentStateEnded, stored.AgentId, ended, data));
        }
    }

    public void Action(SupervisorActionRecord stored) => _entries.Add(new(stored.TenantId, FeedEventTypes.SupervisorAction, stored.TargetId, stored.At,
        JsonSerializer.Serialize(new { stored.ActionId, stored.SupervisorId, stored.Action, stored.TargetKind, stored.TargetId, stored.Detail }, Json)));
}
