using Routing.Core;

namespace Routing.History;

/// <summary>
/// One interaction as the history store keeps it, keyed by tenant and interaction id. It is written each time the
/// interaction changes; the stored row is replaced only by a record whose <see cref="Version"/> is at least as high,
/// so a late retry of an older state never overwrites a newer one. Times are kept in UTC to the microsecond.
/// </summary>
public sealed record InteractionRecord : HistoryFact
{
    public required string InteractionId { get; init; }

    /// <summary>Orders the states of one interaction: the sequence of the last event this record includes.</summary>
    public required long Version { get; init; }

    public required Channel Channel { get; init; }

    /// <summary>Where it stands; a final state (Completed, Abandoned, Overflowed, Rejected) never changes again.</summary>
    public required InteractionStatus State { get; init; }

    /// <summary>The queue it is in, or ended in.</summary>
    public required string QueueId { get; init; }

    /// <summary>Every queue it waited in, first to last (more than one after a move, overflow or transfer).</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>Where it came in (the dialled number's entry point, the chat widget…), if known.</summary>
    public string? EntryPoint { get; init; }

    /// <summary>The free attributes it arrived with (IVR choices, account tier…), stored as a JSON object.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyAttributes;

    public string? CustomerId { get; init; }

    public required DateTimeOffset ArrivedAt { get; init; }

    /// <summary>When it was first offered to an agent; null if it never was.</summary>
    public DateTimeOffset? FirstOfferedAt { get; init; }

    /// <summary>When an agent first connected to it (the answer); null if never answered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When the conversation ended, or the customer abandoned, or it overflowed out.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the last agent's wrap-up ended.</summary>
    public DateTimeOffset? WrapUpEndedAt { get; init; }

    /// <summary>The agent who handled it last; null if no agent did.</summary>
    public string? AgentId { get; init; }

    /// <summary>Every agent who handled it, first to last.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>Time spent waiting in queues (until the answer, or until it ended unanswered).</summary>
    public TimeSpan Wait { get; init; }

    /// <summary>Time connected to agents, all legs together.</summary>
    public TimeSpan Talk { get; init; }

    /// <summary>Time agents spent in wrap-up for it, all legs together.</summary>
    public TimeSpan WrapUp { get; init; }

    public string? DispositionCode { get; init; }

    public string? DispositionNote { get; init; }

    /// <summary>Why it ended without service: the overflow action and cause, the abandon cause.</summary>
    public string? EndCause { get; init; }

    /// <summary>How many times it was transferred.</summary>
    public int Transfers { get; init; }

    /// <summary>The client company its queue serves (outsourcers), from the queue's configuration; null when it names none.</summary>
    public string? ClientId { get; init; }

    /// <summary>The customer's number or address (an E.164 number, a chat or e-mail address), as the tenant's personal data
    /// policy stores it: masked (the default), or as given in plain mode; the full value of encrypt mode is in
    /// <see cref="PersonalSecret"/>.</summary>
    public string? CustomerNumber { get; init; }

    /// <summary>The number the customer asked to be called back at, if any, protected as <see cref="CustomerNumber"/>.</summary>
    public string? CallbackNumber { get; init; }

    /// <summary>A keyed hash of the normalised customer number, for equality searches (see PersonalData/PersonalDataHash).</summary>
    public string? CustomerNumberHash { get; init; }

    /// <summary>A keyed hash of the customer id when the policy protects it, for equality searches.</summary>
    public string? CustomerIdHash { get; init; }

    /// <summary>Encrypt mode: the full personal values, encrypted with the tenant's key (AES-GCM, key id included).</summary>
    public string? PersonalSecret { get; init; }

    /// <summary>Every agent's part, first to last; stored with the interaction's <see cref="Version"/>.</summary>
    public IReadOnlyList<InteractionLegRecord> Legs { get; init; } = [];

    private static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}
