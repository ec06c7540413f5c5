namespace Routing.Abstractions.EntryPoints;

/// <summary>What a gateway knows of a contact when it reaches an entry point: what the rules test.</summary>
[GenerateSerializer, Immutable, Alias("routing.entry-call")]
public sealed record EntryCall
{
    /// <summary>The entry point's id or one of its addresses (a dialled number, the Request-URI user, a chat address).</summary>
    [Id(0)] public required string Entry { get; init; }

    /// <summary>The caller's number or address, if known.</summary>
    [Id(1)] public string? CallerNumber { get; init; }

    /// <summary>The customer's id in the tenant's systems, if known.</summary>
    [Id(2)] public string? CustomerId { get; init; }

    /// <summary>What the IVR, SBC or connector set (SIP <c>X-</c> headers, User-to-User, a CRM's tier or debt status…).</summary>
    [Id(3)] public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
