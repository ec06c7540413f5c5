namespace Routing.History.Webhooks;

/// <summary>Webhook subscriptions and their dead letters, stored with the history (the feed they deliver is there too).
/// Every call but <see cref="ListAllAsync"/> is scoped to one tenant.</summary>
public interface IWebhookStore
{
    /// <summary>Stores a new subscription; false when the tenant already has one with its id.</summary>
    Task<bool> CreateAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    Task<WebhookSubscription?> FindAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken);

    /// <summary>The tenant's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every tenant's subscriptions: what the cluster delivers to when it starts.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the subscription and its dead letters; false when there was none.</summary>
    Task<bool> DeleteAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Records that every event up to <paramref name="position"/> was delivered or dead-lettered; never moves back.</summary>
    Task SaveDeliveredAsync(string tenantId, string subscriptionId, long position, CancellationToken cancellationToken);

    /// <summary>Stores (or, for a replay that failed again, updates) a dead letter.</summary>
    Task SaveDeadLetterAsync(string tenantId, WebhookDeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>The subscription's dead letters in position order, with their events.</summary>
    Task<IReadOnlyList<WebhookDeadLetter>> ListDeadLettersAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Removes a dead letter once its event was delivered.</summary>
    Task DeleteDeadLetterAsync(string tenantId, string subscriptionId, long position, CancellationToken cancellationToken);
}
