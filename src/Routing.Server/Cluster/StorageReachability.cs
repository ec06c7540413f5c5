using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Routing.Server.Cluster;

/// <summary>
/// Checks, before the silo starts, that the Redis server and the Azure Table service the settings name answer,
/// so an unreachable or refusing store stops start-up with one clear message instead of the silo's retries and
/// stack traces. Registered before the silo, so it runs first.
/// </summary>
internal sealed class StorageReachability(IOptions<ClusterSettings> settings) : IHostedService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cluster = settings.Value;
        if (cluster.UsesRedis)
        {
            await CheckRedisAsync(cluster);
        }
        if (cluster.UsesAzureTable)
        {
            await CheckAzureTableAsync(cluster, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task CheckRedisAsync(ClusterSettings cluster)
    {
        var options = cluster.RedisOptions();
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new StartupCheckException(
                $"Redis at '{cluster.RedisConnectionString}' ({ClusterSettings.SectionName}:{nameof(ClusterSettings.RedisConnectionString)}) did not answer within {ConnectTimeout.TotalSeconds:0} s: {e.Message}", e);
        }
    }

    /// <summary>Lists at most one table: it needs the endpoint to answer and the account key to be accepted.
    /// The message names the endpoint only, never the connection string (it carries the key).</summary>
    private static async Task CheckAzureTableAsync(ClusterSettings cluster, CancellationToken cancellationToken)
    {
        var service = AzureTablePing.Client(cluster.AzureTableConnectionString, ConnectTimeout);
        try
        {
            await AzureTablePing.PingAsync(service, ConnectTimeout, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e switch
            {
                RequestFailedException { Status: > 0 } refused => $"refused the request ({refused.Status} {refused.ErrorCode})",
                RequestFailedException => "did not answer",
                _ => $"did not answer within {ConnectTimeout.TotalSeconds:0} s",
            };
            throw new StartupCheckException(
                $"Azure Table storage at '{service.Uri}' ({ClusterSettings.SectionName}:{nameof(ClusterSettings.AzureTableConnectionString)}) {reason}: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The SDK's messages run to many lines (headers, content); the first says what happened.</summary>
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

/// <summary>A start-up check failed; the message says what to fix.</summary>
public sealed class StartupCheckException(string message, Exception inner) : Exception(message, inner);
