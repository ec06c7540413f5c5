using Routing.Core;

namespace Routing.Abstractions.Agents;

/// <summary>An agent as it stands.</summary>
[GenerateSerializer, Immutable, Alias("routing.agent-snapshot")]
public sealed record AgentSnapshot
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string AgentId { get; init; }
    [Id(2)] public required Presence Presence { get; init; }
    /// <summary>The not-ready reason code, when <see cref="Presence"/> is NotReady.</summary>
    [Id(3)] public string? Reason { get; init; }
    [Id(4)] public required ChannelCounts Load { get; init; }
    [Id(5)] public required ChannelCounts Capacity { get; init; }
    [Id(6)] public required AgentSlot[] Slots { get; init; }
    [Id(7)] public required int ConsecutiveMisses { get; init; }
    [Id(8)] public required int InteractionsToday { get; init; }
    [Id(9)] public required string[] Queues { get; init; }
    /// <summary>The highest load per channel ever held at once (never above capacity).</summary>
    [Id(10)] public required ChannelCounts PeakLoad { get; init; }
    [Id(11)] public required long Version { get; init; }
}
