using System.Text.Json;
using Routing.History.Feed;
using Routing.History.Schema;
using Routing.History.Webhooks;

namespace Routing.History.Storage;

/// <summary>Webhook subscriptions and dead letters (migration 0005): plain SQL that reads the same on both providers.</summary>
internal abstract partial class HistoryStore : IWebhookStore
{
    private const string Subscriptions = HistoryTables.WebhookSubscriptionsName;
    private const string DeadLetters = HistoryTables.WebhookDeadLettersName;
    private const string SubscriptionColumns = "tenant_id, subscription_id, target_url, secret, types, created_at, delivered_position";

    public async Task<bool> CreateAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await FeedMigration.EnsureAsync(cancellationToken);
        var types = JsonSerializer.Serialize(subscription.TypePatterns);
        return await ExecuteFeedStatementAsync(
            $"INSERT INTO {Subscriptions} ({SubscriptionColumns}) VALUES (@tenant, @id, @url, @secret, {JsonParameter("@types")}, @created, @delivered) " +
            "ON CONFLICT (tenant_id, subscription_id) DO NOTHING",
            new()
            {
                ["tenant"] = subscription.TenantId, ["id"] = subscription.SubscriptionId, ["url"] = subscription.TargetUrl.AbsoluteUri,
                ["secret"] = subscription.Secret, ["types"] = types, ["created"] = TimeValue(subscription.CreatedAt), ["delivered"] = subscription.DeliveredPosition,
            }, cancellationToken) > 0;
    }

    public async Task<WebhookSubscription?> FindAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken) =>
        (await ReadSubscriptionsAsync("WHERE tenant_id = @tenant AND subscription_id = @id", new() { ["tenant"] = tenantId, ["id"] = subscriptionId }, cancellationToken))
            .SingleOrDefault();

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        ReadSubscriptionsAsync("WHERE tenant_id = @tenant", new() { ["tenant"] = tenantId }, cancellationToken);

    public Task<IReadOnlyList<WebhookSubscription>> ListAllAsync(CancellationToken cancellationToken) =>
        ReadSubscriptionsAsync("", [], cancellationToken);

    public async Task<bool> DeleteAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken)
    {
        await FeedMigration.EnsureAsync(cancellationToken);
        var key = new Dictionary<string, object> { ["tenant"] = tenantId, ["id"] = subscriptionId };
        await ExecuteFeedStatementAsync($"DELETE FROM {DeadLetters} WHERE tenant_id = @tenant AND subscription_id = @id", key, cancellationToken);
        return await ExecuteFeedStatementAsync($"DELETE FROM {Subscriptions} WHERE tenant_id = @tenant AND subscription_id = @id", key, cancellationToken) > 0;
    }

    public async Task SaveDeliveredAsync(string tenantId, string subscriptionId, long position, CancellationToken cancellationToken)
    {
        await FeedMigration.EnsureAsync(cancellationToken);
        await ExecuteFeedStatementAsync(
            $"UPDATE {Subscriptions} SET delivered_position = @position WHERE tenant_id = @tenant AND subscription_id = @id AND delivered_position < @position",
            new() { ["tenant"] = tenantId, ["id"] = subscriptionId, ["position"] = position }, cancellationToken);
    }

    public async Task SaveDeadLetterAsync(string tenantId, WebhookDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        await FeedMigration.EnsureAsync(cancellationToken);
        await ExecuteFeedStatementAsync(
            $"INSERT INTO {DeadLetters} (tenant_id, subscription_id, position, attempts, last_status, last_error, failed_at) " +
            "VALUES (@tenant, @id, @position, @attempts, @status, @error, @failed) ON CONFLICT (tenant_id, subscription_id, position) DO UPDATE SET " +
            $"attempts = {DeadLetters}.attempts + excluded.attempts, last_status = excluded.last_status, last_error = excluded.last_error, failed_at = excluded.failed_at",
            new()
            {
                ["tenant"] = tenantId, ["id"] = deadLetter.SubscriptionId, ["position"] = deadLetter.Event.Position, ["attempts"] = (long)deadLetter.Attempts,
                ["status"] = (long)deadLetter.LastStatus, ["error"] = deadLetter.LastError, ["failed"] = TimeValue(deadLetter.FailedAt),
            }, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDeadLetter>> ListDeadLettersAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken)
    {
        await FeedMigration.EnsureAsync(cancellationToken);
        return await QueryAsync(
            "SELECT d.subscription_id, d.attempts, d.last_status, d.last_error, d.failed_at, f.position, f.type, f.subject, f.at, f.data " +
            $"FROM {DeadLetters} d JOIN {HistoryTables.FeedTableName} f ON f.tenant_id = d.tenant_id AND f.position = d.position " +
            "WHERE d.tenant_id = @tenant AND d.subscription_id = @id ORDER BY d.position",
            new() { ["tenant"] = tenantId, ["id"] = subscriptionId },
            row => new WebhookDeadLetter(row.Text("subscription_id"),
                new FeedEvent(tenantId, row.Integer("position"), row.Text("type"), row.Text("subject"), row.Time("at"), row.Text("data")),
                (int)row.Integer("attempts"), (int)row.Integer("last_status"), row.Text("last_error"), row.Time("failed_at")),
            cancellationToken);
    }

    public async Task DeleteDeadLetterAsync(string tenantId, string subscriptionId, long position, CancellationToken cancellationToken)
    {
        await FeedMigration.EnsureAsync(cancellationToken);
        await ExecuteFeedStatementAsync($"DELETE FROM {DeadLetters} WHERE tenant_id = @tenant AND subscription_id = @id AND position = @position",
            new() { ["tenant"] = tenantId, ["id"] = subscriptionId, ["position"] = position }, cancellationToken);
    }

    /// <summary>A parameter holding JSON text as the provider keeps JSON.</summary>
    protected virtual string JsonParameter(string name) => name;

    private async Task<IReadOnlyList<WebhookSubscription>> ReadSubscriptionsAsync(string where, Dictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await FeedMigration.EnsureAsync(cancellationToken);
        return await QueryAsync($"SELECT {SubscriptionColumns} FROM {Subscriptions} {where} ORDER BY created_at, subscription_id", parameters,
            row => new WebhookSubscription(row.Text("tenant_id"), row.Text("subscription_id"), new Uri(row.Text("target_url")), row.Text("secret"),
                row.Json<List<string>>("types"), row.Time("created_at"), row.Integer("delivered_position")),
            cancellationToken);
    }

    private async Task<int> ExecuteFeedStatementAsync(string sql, Dictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
