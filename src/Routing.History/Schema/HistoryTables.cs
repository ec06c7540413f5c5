using System.Text.Json;
using static Routing.History.Schema.ColumnKind;

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
            new("tenant_id", Text, r => r.TenantId),
            new("interaction_id", Text, r => r.InteractionId),
            new("version", Integer, r => r.Version),
            new("channel", Text, r => r.Channel.ToString()),
            new("state", Text, r => r.State.ToString()),
            new("queue_id", Text, r => r.QueueId),
            new("queues", Json, r => JsonSerializer.Serialize(r.Queues)),
            new("entry_point", Text, r => r.EntryPoint),
            new("attributes", Json, r => JsonSerializer.Serialize(r.Attributes)),
            new("customer_id", Text, r => r.CustomerId),
            new("arrived_at", Time, r => r.ArrivedAt),
            new("first_offered_at", Time, r => r.FirstOfferedAt),
            new("answered_at", Time, r => r.AnsweredAt),
            new("ended_at", Time, r => r.EndedAt),
            new("wrap_up_ended_at", Time, r => r.WrapUpEndedAt),
            new("agent_id", Text, r => r.AgentId),
            new("agents", Json, r => JsonSerializer.Serialize(r.Agents)),
            new("wait_ms", Integer, r => Milliseconds(r.Wait)),
            new("talk_ms", Integer, r => Milliseconds(r.Talk)),
            new("wrap_up_ms", Integer, r => Milliseconds(r.WrapUp)),
            new("disposition_code", Text, r => r.DispositionCode),
            new("disposition_note", Text, r => r.DispositionNote),
            new("end_cause", Text, r => r.EndCause),
            new("transfers", Integer, r => (long)r.Transfers),
            new("client_id", Text, r => r.ClientId),
            new("customer_number", Text, r => r.CustomerNumber),
            new("callback_number", Text, r => r.CallbackNumber),
            new("customer_number_hash", Text, r => r.CustomerNumberHash),
            new("customer_id_hash", Text, r => r.CustomerIdHash),
            new("personal_secret", Text, r => r.PersonalSecret),
        ]);

    public static readonly HistoryTable<(InteractionRecord Interaction, InteractionLegRecord Leg)> Legs = new(
        "interaction_legs", ["tenant_id", "interaction_id", "leg_index"], ConflictRule.KeepNewestVersion,
        [
            new("tenant_id", Text, r => r.Interaction.TenantId),
            new("interaction_id", Text, r => r.Interaction.InteractionId),
            new("leg_index", Integer, r => (long)r.Leg.Index),
            new("version", Integer, r => r.Interaction.Version),
            new("agent_id", Text, r => r.Leg.AgentId),
            new("queue_id", Text, r => r.Leg.QueueId),
            new("offered_at", Time, r => r.Leg.OfferedAt),
            new("connected_at", Time, r => r.Leg.ConnectedAt),
            new("ended_at", Time, r => r.Leg.EndedAt),
            new("wrap_up_ended_at", Time, r => r.Leg.WrapUpEndedAt),
            new("transferred", ColumnKind.Boolean, r => r.Leg.Transferred),
            new("disposition_code", Text, r => r.Leg.DispositionCode),
            new("disposition_note", Text, r => r.Leg.DispositionNote),
        ]);

    public static readonly HistoryTable<InteractionEventRecord> Events = new(
        "interaction_events", ["tenant_id", "interaction_id", "sequence"], ConflictRule.KeepFirst,
        [
            new("tenant_id", Text, r => r.TenantId),
            new("interaction_id", Text, r => r.InteractionId),
            new("sequence", Integer, r => r.Sequence),
            new("at", Time, r => r.At),
            new("kind", Text, r => r.Kind.ToString()),
            new("status", Text, r => r.Status.ToString()),
            new("queue_id", Text, r => r.QueueId),
            new("agent_id", Text, r => r.AgentId),
            new("detail", Text, r => r.Detail),
            new("personal_secret", Text, r => r.PersonalSecret),
        ]);

    public static readonly HistoryTable<AgentStateInterval> AgentIntervals = new(
        "agent_state_intervals", ["tenant_id", "agent_id", "sequence"], ConflictRule.KeepEnd,
        [
            new("tenant_id", Text, r => r.TenantId),
            new("agent_id", Text, r => r.AgentId),
            new("sequence", Integer, r => r.Sequence),
            new("started_at", Time, r => r.StartedAt),
            new("ended_at", Time, r => r.EndedAt),
            new("presence", Text, r => r.Presence.ToString()),
            new("reason", Text, r => r.Reason),
            new("load_voice", Integer, r => (long)r.Load.Voice),
            new("load_chat", Integer, r => (long)r.Load.Chat),
            new("load_email", Integer, r => (long)r.Load.Email),
            new("load_message", Integer, r => (long)r.Load.Message),
            new("load_callback", Integer, r => (long)r.Load.Callback),
            new("cause", Text, r => r.Cause),
            new("interaction_id", Text, r => r.InteractionId),
        ]);

    public static readonly HistoryTable<SupervisorActionRecord> SupervisorActions = new(
        "supervisor_actions", ["tenant_id", "action_id"], ConflictRule.KeepFirst,
        [
            new("tenant_id", Text, r => r.TenantId),
            new("action_id", Text, r => r.ActionId),
            new("supervisor_id", Text, r => r.SupervisorId),
            new("action", Text, r => r.Action),
            new("target_kind", Text, r => r.TargetKind),
            new("target_id", Text, r => r.TargetId),
            new("at", Time, r => r.At),
            new("detail", Text, r => r.Detail),
        ]);

    /// <summary>How each table's rows are purged, in the order the purge runs. Every table of the schema must be here (a
    /// test compares this list with the database's tables), so a table a later migration adds cannot be forgotten.</summary>
    public static readonly IReadOnlyList<PurgeRule> Purges =
    [
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

    private static long Milliseconds(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds);
}
