using Azure;
using Microsoft.Extensions.Options;
using Routing.Server.Cluster;
using StackExchange.Redis;

namespace Routing.Server.Probes;

/// <summary>
/// Asks the grain storage <see cref="ClusterSettings"/> names whether it answers: a PING to Redis, a one-table listing
/// of Azure Table storage; memory always answers. Its own Redis connection (made on first use, reconnecting in the
/// background) so a probe measures the store, not a provider's internal state. Each probe waits at most
/// <see cref="Timeout"/>, inside the probe timeout the Kubernetes manifests give it (3 s).
/// </summary>
internal sealed class GrainStorageProbe(IOptions<ClusterSettings> settings) : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _redis;

    /// <summary>Why the storage does not answer, or null when it does.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var cluster = settings.Value;
        if (cluster.RedisStorage)
        {
            return await RedisProblemAsync(cluster);
        }
        return cluster.AzureTableStorage ? await AzureTableProblemAsync(cluster, cancellationToken) : null;
    }

    private async Task<string?> RedisProblemAsync(ClusterSettings cluster)
    {
        try
        {
            var redis = await ConnectAsync(cluster);
            await redis.GetDatabase().PingAsync().WaitAsync(Timeout);
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"Redis ({ClusterSettings.SectionName}:{nameof(ClusterSettings.RedisConnectionString)}) did not answer: {e.Message}";
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(ClusterSettings cluster)
    {
        if (_redis is { } connected)
        {
            return connected;
        }
        await _connecting.WaitAsync();
        try
        {
            if (_redis is null)
            {
                var options = cluster.RedisOptions();
                options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
                options.SyncTimeout = options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
                _redis = await ConnectionMultiplexer.ConnectAsync(options);
            }
            return _redis;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>The endpoint only in the message, never the connection string (it carries the key).</summary>
    private static async Task<string?> AzureTableProblemAsync(ClusterSettings cluster, CancellationToken cancellationToken)
    {
        var service = AzureTablePing.Client(cluster.AzureTableConnectionString, Timeout);
        try
        {
            await AzureTablePing.PingAsync(service, Timeout, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is RequestFailedException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"Azure Table storage at '{service.Uri}' did not answer";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _connecting.Dispose();
    }
}
