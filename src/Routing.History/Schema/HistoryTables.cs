using System.Text.Json;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.History.Schema;

/// <summary>The history tables' columns, in the order of the migration scripts, and how each is taken from a record.</summary>
internal static class HistoryTables
{
    /// <summary>The event feed (migration 0005): written by the stores' feed appends, not through a <see cref="HistoryTable{T}"/>.</summary>
    public const string FeedTableName = "event_feed";

    public const string WebhookSubscriptionsName = "webhook_subscriptions";

    public const string WebhookDeadLettersName = "webhook_dead_letters";

    public static readonly HistoryTable<InteractionRecord> Interactions = new(
        "interactions", ["tenant_id", "interaction_id"], ConflictRule.KeepNewestVersion,
        [
            new("tenant_id", r => r.TenantId),
            new("interaction_id", r => r.InteractionId),
            new("version", r => r.Version),
            new("channel", r => EnumText<Channel>.Of(r.Channel)),
            new("state", r => EnumText<InteractionStatus>.Of(r.State)),
            new("queue_id", r => r.QueueId),
            new("queues", (r, json) => WriteStrings(json, r.Queues)),
            new("entry_point", r => r.EntryPoint) { FixedAtInsert = true },
            new("attributes", (r, json) => WriteAttributes(json, r.Attributes)) { FixedAtInsert = true },
            new("customer_id", r => r.CustomerId) { FixedAtInsert = true },
            new("arrived_at", r => r.ArrivedAt) { FixedAtInsert = true },
            new("first_offered_at", r => r.FirstOfferedAt),
            new("answered_at", r => r.AnsweredAt),
            new("ended_at", r => r.EndedAt),
            new("wrap_up_ended_at", r => r.WrapUpEndedAt),
            new("agent_id", r => r.AgentId),
            new("agents", (r, json) => WriteStrings(json, r.Agents)),
            new("wait_ms", r => Milliseconds(r.Wait)),
            new("talk_ms", r => Milliseconds(r.Talk)),
            new("wrap_up_ms", r => Milliseconds(r.WrapUp)),
            new("disposition_code", r => r.DispositionCode),
            new("disposition_note", r => r.DispositionNote),
            new("end_cause", r => r.EndCause),
            new("transfers", r => r.Transfers),
            new("client_id", r => r.ClientId),
            new("customer_number", r => r.CustomerNumber) { FixedAtInsert = true },
            new("callback_number", r => r.CallbackNumber),
            new("customer_number_hash", r => r.CustomerNumberHash) { FixedAtInsert = true },
            new("customer_id_hash", r => r.CustomerIdHash) { FixedAtInsert = true },
            new("personal_secret", r => r.PersonalSecret),
        ]);

    public static readonly HistoryTable<(InteractionRecord Interaction, InteractionLegRecord Leg)> Legs = new(
        "interaction_legs", ["tenant_id", "interaction_id", "leg_index"], ConflictRule.KeepNewestVersion,
        [
            new("tenant_id", r => r.Interaction.TenantId),
            new("interaction_id", r => r.Interaction.InteractionId),
            new("leg_index", r => r.Leg.Index),
            new("version", r => r.Interaction.Version),
            new("agent_id", r => r.Leg.AgentId) { FixedAtInsert = true },
            new("queue_id", r => r.Leg.QueueId) { FixedAtInsert = true },
            new("offered_at", r => r.Leg.OfferedAt) { FixedAtInsert = true },
            new("connected_at", r => r.Leg.ConnectedAt) { FixedAtInsert = true },
            new("ended_at", r => r.Leg.EndedAt),
            new("wrap_up_ended_at", r => r.Leg.WrapUpEndedAt),
            new("transferred", r => r.Leg.Transferred),
            new("disposition_code", r => r.Leg.DispositionCode),
            new("disposition_note", r => r.Leg.DispositionNote),
        ]);

    public static readonly HistoryTable<InteractionEventRecord> Events = new(
        "interaction_events", ["tenant_id", "interaction_id", "sequence"], ConflictRule.KeepFirst,
        [
            new("tenant_id", r => r.TenantId),
            new("interaction_id", r => r.InteractionId),
            new("sequence", r => r.Sequence),
            new("at", r => r.At),
            new("kind", r => EnumText<InteractionEventKind>.Of(r.Kind)),
            new("status", r => EnumText<InteractionStatus>.Of(r.Status)),
            new("queue_id", r => r.QueueId),
            new("agent_id", r => r.AgentId),
            new("detail", r => r.Detail),
            new("personal_secret", r => r.PersonalSecret),
        ]);

    public static readonly HistoryTable<AgentStateInterval> AgentIntervals = new(
        "agent_state_intervals", ["tenant_id", "agent_id", "sequence"], ConflictRule.KeepEnd,
        [
            new("tenant_id", r => r.TenantId),
            new("agent_id", r => r.AgentId),
            new("sequence", r => r.Sequence),
            new("started_at", r => r.StartedAt),
            new("ended_at", r => r.EndedAt),
            new("presence", r => EnumText<Presence>.Of(r.Presence)),
            new("reason", r => r.Reason),
            new("load_voice", r => r.Load.Voice),
            new("load_chat", r => r.Load.Chat),
            new("load_email", r => r.Load.Email),
            new("load_message", r => r.Load.Message),
            new("load_callback", r => r.Load.Callback),
            new("cause", r => r.Cause),
            new("interaction_id", r => r.InteractionId),
        ]);

    public static readonly HistoryTable<SupervisorActionRecord> SupervisorActions = new(
        "supervisor_actions", ["tenant_id", "action_id"], ConflictRule.KeepFirst,
        [
            new("tenant_id", r => r.TenantId),
            new("action_id", r => r.ActionId),
            new("supervisor_id", r => r.SupervisorId),
            new("action", r => r.Action),
            new("target_kind", r => r.TargetKind),
            new("target_id", r => r.TargetId),
            new("at", r => r.At),
            new("detail", r => r.Detail),
        ]);

    /// <summary>How each table's rows are purged, in the order the purge runs. Every table of the schema must be here (a
    /// test compares this list with the database's tables), so a table a later migration adds cannot be forgotten.</summary>
    public static readonly IReadOnlyList<PurgeRule> Purges =
    [
        // First, while the legs it looks at are still there: the aggregates of the quarter hours before the cut-off go,
        // those the purge cuts through are rebuilt from what stays (HistoryStore.Purge).
        new(QueueIntervals.Name, "quarter", WithInteraction: false) { Aggregates = true },
        // The keys of the interactions counted there go with their interactions: one recorded again is counted again.
        new(QueueIntervals.Members, TimeColumn: null, WithInteraction: true),
        // Legs and events go with their interaction (and by their own time, for any whose interaction is not stored).
        new(Legs.Name, "connected_at", WithInteraction: true),
        new(Events.Name, "at", WithInteraction: true),
        new(Interactions.Name, "arrived_at", WithInteraction: false),
        new(AgentIntervals.Name, "started_at", WithInteraction: false),
        new(SupervisorActions.Name, "at", WithInteraction: false),
        new(FeedTableName, "at", WithInteraction: false) { KeepHighest = "position" },
        new(WebhookDeadLettersName, "failed_at", WithInteraction: false),
    ];

    /// <summary>Tables a retention purge leaves alone on purpose (settings rather than history, with the reason).
    /// A table is either here or in <see cref="Purges"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeptByPurge = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [WebhookSubscriptionsName] = "webhook subscriptions are the tenant's settings (target, secret, delivered position), not history",
    };

    /// <summary>A duration as the tables keep it: whole milliseconds, rounded.</summary>
    public static long Milliseconds(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds);

    private static void WriteStrings(Utf8JsonWriter json, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartArray();
        for (var i = 0; i < values.Count; i++)
        {
            json.WriteStringValue(values[i]);
        }
        json.WriteEndArray();
    }

    private static void WriteAttributes(Utf8JsonWriter json, IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        foreach (var (name, value) in attributes)
        {
            json.WriteString(name, value);
        }
        json.WriteEndObject();
    }
}
