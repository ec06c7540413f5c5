namespace Routing.Abstractions.Agents;

/// <summary>Where the agent's phone can be reached now: the contact its softphone registered at a SIP gateway, until
/// <paramref name="ExpiresAt"/>. Offers and redirects use it before the endpoint in the agent's configuration, so a
/// phone that registers from another desk or network is still reached.</summary>
[GenerateSerializer, Immutable, Alias("routing.agent-contact")]
public sealed record AgentContact(
    [property: Id(0)] string Uri,
    [property: Id(1)] DateTimeOffset ExpiresAt)
{
    /// <summary>The longest registration a gateway may record (a phone re-registers well before this).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>The longest contact URI kept, as for a configured endpoint.</summary>
    public const int MaxUriLength = 256;

    public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;
}
