namespace Routing.Abstractions.Interactions;

/// <summary>What a transfer means for the agent who asked for it.</summary>
[GenerateSerializer]
public enum TransferNoticeKind
{
    /// <summary>The agent's part ended (blind at once; consult when the target accepted): wrap up and complete it.</summary>
    Transferred = 0,
    /// <summary>The consult target rejected, did not answer in time or could not take it: the interaction stays
    /// connected to the agent.</summary>
    ConsultFailed = 1,
}

/// <summary>Told to the app of the agent who asked for a transfer.</summary>
[GenerateSerializer, Immutable, Alias("routing.transfer-notice")]
public sealed record TransferNotice
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required TransferNoticeKind Kind { get; init; }
    /// <summary>A short reason for a person, e.g. "to queue support" or "agent bob rejected".</summary>
    [Id(2)] public required string Detail { get; init; }
    /// <summary>Transferred: when the agent's wrap-up ends by itself; null when the queue has no wrap-up time
    /// (the leg is then finished at once).</summary>
    [Id(3)] public DateTimeOffset? WrapUpDeadline { get; init; }
}
