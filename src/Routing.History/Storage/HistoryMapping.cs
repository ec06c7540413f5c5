using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.History.Storage;

/// <summary>Stored rows back into records (the reverse of <see cref="Schema.HistoryTables"/>).</summary>
internal static class HistoryMapping
{
    public static InteractionRecord Interaction(HistoryRow row) => new()
    {
        TenantId = row.Text("tenant_id"),
        InteractionId = row.Text("interaction_id"),
        Version = row.Integer("version"),
        Channel = row.Enum<Channel>("channel"),
        State = row.Enum<InteractionStatus>("state"),
        QueueId = row.Text("queue_id"),
        Queues = row.Json<List<string>>("queues"),
        EntryPoint = row.NullableText("entry_point"),
        Attributes = row.Json<Dictionary<string, string>>("attributes"),
        CustomerId = row.NullableText("customer_id"),
        ArrivedAt = row.Time("arrived_at"),
        FirstOfferedAt = row.NullableTime("first_offered_at"),
        AnsweredAt = row.NullableTime("answered_at"),
        EndedAt = row.NullableTime("ended_at"),
        WrapUpEndedAt = row.NullableTime("wrap_up_ended_at"),
        AgentId = row.NullableText("agent_id"),
        Agents = row.Json<List<string>>("agents"),
        Wait = row.Milliseconds("wait_ms"),
        Talk = row.Milliseconds("talk_ms"),
        WrapUp = row.Milliseconds("wrap_up_ms"),
        DispositionCode = row.NullableText("disposition_code"),
        DispositionNote = row.NullableText("disposition_note"),
        EndCause = row.NullableText("end_cause"),
        Transfers = (int)row.Integer("transfers"),
        ClientId = row.NullableText("client_id"),
        CustomerNumber = row.NullableText("customer_number"),
        CallbackNumber = row.NullableText("callback_number"),
        CustomerNumberHash = row.NullableText("customer_number_hash"),
        CustomerIdHash = row.NullableText("customer_id_hash"),
        PersonalSecret = row.NullableText("personal_secret"),
    };

    public static InteractionLegRecord Leg(HistoryRow row) => new()
    {
        Index = (int)row.Integer("leg_index"),
        AgentId = row.Text("agent_id"),
        QueueId = row.Text("queue_id"),
        OfferedAt = row.NullableTime("offered_at"),
        ConnectedAt = row.Time("connected_at"),
        EndedAt = row.NullableTime("ended_at"),
        WrapUpEndedAt = row.NullableTime("wrap_up_ended_at"),
        Transferred = row.Boolean("transferred"),
        DispositionCode = row.NullableText("disposition_code"),
        DispositionNote = row.NullableText("disposition_note"),
    };

    public static InteractionEventRecord Event(HistoryRow row) => new()
    {
        TenantId = row.Text("tenant_id"),
        InteractionId = row.Text("interaction_id"),
        Sequence = row.Integer("sequence"),
        At = row.Time("at"),
        Kind = row.Enum<InteractionEventKind>("kind"),
        Status = row.Enum<InteractionStatus>("status"),
        QueueId = row.Text("queue_id"),
        AgentId = row.NullableText("agent_id"),
        Detail = row.NullableText("detail"),
        PersonalSecret = row.NullableText("personal_secret"),
    };

    public static AgentStateInterval AgentInterval(HistoryRow row) => new()
    {
        TenantId = row.Text("tenant_id"),
        AgentId = row.Text("agent_id"),
        Sequence = row.Integer("sequence"),
        StartedAt = row.Time("started_at"),
        EndedAt = row.NullableTime("ended_at"),
        Presence = row.Enum<Presence>("presence"),
        Reason = row.NullableText("reason"),
        Load = new ChannelCounts
        {
            Voice = (int)row.Integer("load_voice"),
            Chat = (int)row.Integer("load_chat"),
            Email = (int)row.Integer("load_email"),
            Message = (int)row.Integer("load_message"),
            Callback = (int)row.Integer("load_callback"),
        },
        Cause = row.Text("cause"),
        InteractionId = row.NullableText("interaction_id"),
    };

    public static SupervisorActionRecord SupervisorAction(HistoryRow row) => new()
    {
        TenantId = row.Text("tenant_id"),
        ActionId = row.Text("action_id"),
        SupervisorId = row.Text("supervisor_id"),
        Action = row.Text("action"),
        TargetKind = row.Text("target_kind"),
        TargetId = row.Text("target_id"),
        At = row.Time("at"),
        Detail = row.NullableText("detail"),
    };
}
