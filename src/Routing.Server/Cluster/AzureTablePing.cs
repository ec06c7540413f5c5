using Azure.Data.Tables;

namespace Routing.Server.Cluster;

/// <summary>The cheapest question Azure Table storage answers only when its endpoint is up and it accepts the
/// account key: list at most one table. Asked at start-up (<see cref="StorageReachability"/>) and by readiness.</summary>
internal static class AzureTablePing
{
    /// <summary>A client that tries once and waits at most <paramref name="timeout"/> on the network.</summary>
    public static TableServiceClient Client(string? connectionString, TimeSpan timeout) =>
        new(connectionString, new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = timeout } });

    /// <summary>Lists at most one table, giving up after <paramref name="timeout"/> (an OperationCanceledException while
    /// <paramref name="cancellationToken"/> is not cancelled) or on the service's refusal (a RequestFailedException).</summary>
    public static async Task PingAsync(TableServiceClient service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        await foreach (var _ in service.QueryAsync(maxPerPage: 1, cancellationToken: limit.Token).AsPages(pageSizeHint: 1))
        {
            break;
        }
    }
}
