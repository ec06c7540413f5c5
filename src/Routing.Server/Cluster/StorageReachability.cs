using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Routing.Server.Cluster;

/// <summary>
/// Checks, before the silo starts, that the Redis server the settings name answers, so an unreachable or
/// refusing Redis stops start-up with one clear message instead of the silo's retries and stack traces.
/// Registered before the silo, so it runs first.
/// </summary>
internal sealed class StorageReachability(IOptions<ClusterSettings> settings) : IHostedService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cluster = settings.Value;
        if (!cluster.RedisReminders)
        {
            return;
        }
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A start-up check failed; the message says what to fix.</summary>
public sealed class StartupCheckException(string message, Exception inner) : Exception(message, inner);
