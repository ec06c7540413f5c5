using System.Buffers;
using System.Text;
using System.Text.Json;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.History.Schema;

namespace Routing.History.Feed;

/// <summary>
/// The feed events of one batch, built from the facts the batch's statements really inserted or changed (a repeat of
/// a stored fact adds none). Handed to the store in time order, which then numbers them. Their data is JSON written
/// field by field into one buffer per batch (camelCase names, nulls kept): a serializer working by reflection cost a
/// tenth of the history's allocations.
/// </summary>
internal sealed class FeedEntries
{
    private readonly List<FeedEntry> _entries = [];
    private readonly ArrayBufferWriter<byte> _data = new(4096);
    private readonly Utf8JsonWriter _json;

    public FeedEntries() => _json = new Utf8JsonWriter(_data);

    public int Count => _entries.Count;

    /// <summary>The events in time order (stable: facts of one time keep the batch's order).</summary>
    public IReadOnlyList<FeedEntry> InTimeOrder()
    {
        var entries = _entries.ToArray();
        Array.Sort(entries, static (a, b) => a.At.CompareTo(b.At) is var order and not 0 ? order : a.Order.CompareTo(b.Order));
        return entries;
    }

    /// <summary>The tenants with events, in order (the order PostgreSQL takes their locks in).</summary>
    public IReadOnlyList<string> Tenants() => [.. _entries.Select(entry => entry.TenantId).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>An entry's data, as UTF-8 JSON.</summary>
    public ReadOnlySpan<byte> DataOf(in FeedEntry entry) => _data.WrittenSpan.Slice(entry.DataStart, entry.DataLength);

    /// <summary>An entry's data, as JSON text.</summary>
    public string DataTextOf(in FeedEntry entry) => Encoding.UTF8.GetString(DataOf(entry));

    public void Event(InteractionEventRecord stored)
    {
        var (start, length) = Write(stored, static (json, e) =>
        {
            json.WriteString("interactionId", e.InteractionId);
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("kind", EnumText<InteractionEventKind>.Of(e.Kind));
            json.WriteString("status", EnumText<InteractionStatus>.Of(e.Status));
            json.WriteString("queueId", e.QueueId);
            json.WriteString("agentId", e.AgentId);
            json.WriteString("detail", e.Detail);
        });
        Add(stored.TenantId, FeedEventTypes.Interaction(stored.Kind), stored.InteractionId, stored.At, start, length);
    }

    /// <summary>An interval stored for the first time (<paramref name="inserted"/>: it began; also ended when it came
    /// closed), or an open one the write closed.</summary>
    public void Interval(AgentStateInterval stored, bool inserted)
    {
        var (start, length) = Write(stored, static (json, interval) =>
        {
            json.WriteString("agentId", interval.AgentId);
            json.WriteNumber("sequence", interval.Sequence);
            json.WriteString("presence", EnumText<Presence>.Of(interval.Presence));
            json.WriteString("reason", interval.Reason);
            json.WriteStartObject("load");
            var load = interval.Load;
            json.WriteNumber("voice", load.Voice);
            json.WriteNumber("chat", load.Chat);
            json.WriteNumber("email", load.Email);
            json.WriteNumber("message", load.Message);
            json.WriteNumber("callback", load.Callback);
            json.WriteNumber("total", load.Total);
            json.WriteEndObject();
            json.WriteString("cause", interval.Cause);
            json.WriteString("interactionId", interval.InteractionId);
            json.WriteString("startedAt", interval.StartedAt);
            if (interval.EndedAt is { } ended)
            {
                json.WriteString("endedAt", ended);
            }
            else
            {
                json.WriteNull("endedAt");
            }
        });
        if (inserted)
        {
            Add(stored.TenantId, FeedEventTypes.AgentStateChanged, stored.AgentId, stored.StartedAt, start, length);
        }
        if (stored.EndedAt is { } endedAt)
        {
            Add(stored.TenantId, FeedEventTypes.AgentStateEnded, stored.AgentId, endedAt, start, length);
        }
    }

    public void Action(SupervisorActionRecord stored)
    {
        var (start, length) = Write(stored, static (json, action) =>
        {
            json.WriteString("actionId", action.ActionId);
            json.WriteString("supervisorId", action.SupervisorId);
            json.WriteString("action", action.Action);
            json.WriteString("targetKind", action.TargetKind);
            json.WriteString("targetId", action.TargetId);
            json.WriteString("detail", action.Detail);
        });
        Add(stored.TenantId, FeedEventTypes.SupervisorAction, stored.TargetId, stored.At, start, length);
    }

    /// <summary>Forgets the entries, keeping the buffers for the next batch (<see cref="FeedBuffers"/>).</summary>
    public void Clear()
    {
        _entries.Clear();
        _data.ResetWrittenCount();
    }

    private void Add(string tenantId, string type, string subject, DateTimeOffset at, int start, int length) =>
        _entries.Add(new(tenantId, type, subject, at, _entries.Count, start, length));

    /// <summary>Writes one object with <paramref name="properties"/> after the data written so far; returns where it is.</summary>
    private (int Start, int Length) Write<T>(T fact, Action<Utf8JsonWriter, T> properties)
    {
        var start = _data.WrittenCount;
        _json.Reset(_data);
        _json.WriteStartObject();
        properties(_json, fact);
        _json.WriteEndObject();
        _json.Flush();
        return (start, _data.WrittenCount - start);
    }
}
