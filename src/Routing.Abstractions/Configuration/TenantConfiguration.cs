using Routing.Abstractions.EntryPoints;
using Routing.Core;

namespace Routing.Abstractions.Configuration;

/// <summary>One tenant's whole routing configuration. Applying it is idempotent.</summary>
[GenerateSerializer, Immutable, Alias("routing.tenant-configuration")]
public sealed record TenantConfiguration
{
    [Id(0)] public required string TenantId { get; init; }
    /// <summary>Display name.</summary>
    [Id(1)] public string? Name { get; init; }
    /// <summary>IANA time zone the tenant's day (and later its business hours) is counted in.</summary>
    [Id(2)] public string TimeZone { get; init; } = "UTC";
    /// <summary>Consecutive unanswered offers after which an agent is made NotReady(no-answer).</summary>
    [Id(3)] public int NoAnswerThreshold { get; init; } = 1;
    /// <summary>Whether voice and other work are exclusive for an agent.</summary>
    [Id(4)] public bool VoiceIsExclusive { get; init; } = true;
    [Id(5)] public QueueDefinition[] Queues { get; init; } = [];
    [Id(6)] public AgentDefinition[] Agents { get; init; } = [];
    /// <summary>How the history keeps customers' numbers, addresses and other personal data (masked by default).</summary>
    [Id(7)] public PersonalDataPolicy PersonalData { get; init; } = PersonalDataPolicy.Default;
    /// <summary>Days the history keeps the tenant's data; older data is purged every day. 0 keeps it until purged by hand.</summary>
    [Id(8)] public int HistoryRetentionDays { get; init; }
    /// <summary>Where contacts come in (dialled numbers, chat and API addresses) and the rules that route them.</summary>
    [Id(9)] public EntryPointDefinition[] EntryPoints { get; init; } = [];

    /// <summary>The longest retention period (ten years).</summary>
    public const int MaxHistoryRetentionDays = 3_660;

    public const int MaxQueues = 2_000;
    public const int MaxEntryPoints = 10_000;
    /// <summary>Addresses of all the tenant's entry points together (each is an entry in the tenant's lookup table).</summary>
    public const int MaxEntryAddresses = 100_000;
    public const int MaxAgents = 200_000;
    /// <summary>Queues one agent may serve (listed, or met by its skills): every change of the agent's
    /// availability is told to each of them, so an agent in every queue costs a message per queue.</summary>
    public const int MaxQueuesPerAgent = 100;
    /// <summary>Agent–queue pairs in the whole tenant: each is an entry in a queue's members and a
    /// message when the configuration is applied, so this bounds the memory and time of an apply.</summary>
    public const int MaxMemberships = 500_000;

    /// <summary>Problems with the tenant's own fields (its queues and agents check themselves).</summary>
    public IEnumerable<string> OwnProblems()
    {
        if (EntityId.Problem("tenant", TenantId) is { } idProblem)
        {
            yield return idProblem;
        }
        if (TextLimits.Problem("tenant name", Name, TextLimits.MaxNameLength) is { } nameProblem)
        {
            yield return nameProblem;
        }
        if (TextLimits.Problem("time zone", TimeZone, TextLimits.MaxTimeZoneLength) is { } zoneProblem)
        {
            yield return zoneProblem;
        }
        if (PersonalData is null)
        {
            yield return "personal data policy is missing";
        }
        else
        {
            foreach (var problem in PersonalData.Problems())
            {
                yield return problem;
            }
        }
        if (HistoryRetentionDays is < 0 or > MaxHistoryRetentionDays)
        {
            yield return $"history retention {HistoryRetentionDays} days is outside 0–{MaxHistoryRetentionDays} (0 keeps history until purged by hand)";
        }
    }
}

/// <summary>A centre: every tenant it serves. This is the format of the configuration file.</summary>
[GenerateSerializer, Immutable, Alias("routing.centre-configuration")]
public sealed record CentreConfiguration
{
    [Id(0)] public TenantConfiguration[] Tenants { get; init; } = [];
}
