using Google.Protobuf.WellKnownTypes;
using Routing.Contracts.V1;

namespace Routing.Benchmarks;

/// <summary>The messages <see cref="GrpcCallFloorBenchmarks"/> sends, the size of the load test's: made once, so the
/// figures are gRPC's, not the messages' construction.</summary>
internal static class FloorMessages
{
    private const string CallId = "call-0123456789abcdef";
    private const string Queue = "queue-3";

    public static readonly CreateInteractionRequest Create = new()
    {
        InteractionId = CallId,
        QueueId = Queue,
        CustomerNumber = "+442071234567",
        Attributes = { ["ivr"] = "billing", ["tier"] = "gold" },
    };

    public static readonly InteractionSnapshot Snapshot = new()
    {
        InteractionId = CallId,
        Status = InteractionStatus.Queued,
        QueueId = Queue,
        Arrival = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero)),
        WaitDeadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 10, 10, 0, TimeSpan.Zero)),
    };

    public static readonly AgentCommand Accept = new()
    {
        CommandId = "c-42",
        Accept = new Accept { InteractionId = CallId },
    };

    public static readonly AgentEvent State = new()
    {
        StateChanged = new StateChanged
        {
            State = new AgentState
            {
                AgentId = "agent-01234",
                Presence = Presence.Available,
                Load = new ChannelCounts { Voice = 1 },
                Capacity = new ChannelCounts { Voice = 1, Chat = 2, Email = 5 },
                InteractionsToday = 17,
                Version = 1234,
                Queues = { Queue, "queue-7" },
                Interactions =
                {
                    new AgentInteraction
                    {
                        InteractionId = CallId,
                        QueueId = Queue,
                        Channel = Channel.Voice,
                        Phase = "CONNECTED",
                        Since = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 10, 0, 5, TimeSpan.Zero)),
                    },
                },
            },
        },
    };
}
