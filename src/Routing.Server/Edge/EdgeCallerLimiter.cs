using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Routing.Contracts.Security;

namespace Routing.Server.Edge;

/// <summary>
/// The token bucket of every caller (tenant + agent, or tenant + token subject; unauthenticated calls
/// per remote address), shared by the rate-limiting middleware, which takes one token per call, and the
/// agent session stream, which takes one per command: a caller cannot get past its limit by sending
/// its work down a stream instead of as calls.
/// </summary>
public sealed class EdgeCallerLimiter : IDisposable
{
    /// <summary>The partition of requests that are not limited (health checks, reflection, limits off).</summary>
    private const string Unlimited = "";

    private readonly IOptionsMonitor<EdgeRateLimitOptions> _options;
    private readonly PartitionedRateLimiter<string> _buckets;

    /// <summary>Buckets sized by <paramref name="options"/>, read when a caller's bucket is made.</summary>
    public EdgeCallerLimiter(IOptionsMonitor<EdgeRateLimitOptions> options)
    {
        _options = options;
        _buckets = PartitionedRateLimiter.Create<string, string>(Partition);
    }

    /// <summary>The same buckets, for the rate-limiting middleware.</summary>
    public PartitionedRateLimiter<HttpContext> ForRequests() => _buckets.WithTranslatedKey<HttpContext>(PartitionKey, leaveOpen: true);

    /// <summary>The bucket of the caller of <paramref name="context"/>, for the commands of its stream.</summary>
    public CallerRateLimit ForCaller(HttpContext context) => new(_buckets, PartitionKey(context));

    /// <summary>The caller of <paramref name="context"/> as named in log lines, e.g. <c>caller:acme/ann</c>.</summary>
    public static string CallerOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity is { IsAuthenticated: true })
        {
            var tenant = user.FindFirst(EdgeClaims.Tenant)?.Value ?? string.Empty;
            var who = user.FindFirst(EdgeClaims.Agent)?.Value ?? user.FindFirst(EdgeClaims.Subject)?.Value ?? string.Empty;
            return $"caller:{tenant}/{who}";
        }
        return $"anonymous:{context.Connection.RemoteIpAddress}";
    }

    /// <inheritdoc />
    public void Dispose() => _buckets.Dispose();

    private string PartitionKey(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!_options.CurrentValue.Enabled
            || path.StartsWith("/grpc.health.", StringComparison.Ordinal)
            || path.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
        {
            return Unlimited;
        }
        return CallerOf(context);
    }

    private RateLimitPartition<string> Partition(string key)
    {
        if (key == Unlimited)
        {
            return RateLimitPartition.GetNoLimiter(key);
        }
        var settings = _options.CurrentValue;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.TokenLimit,
            TokensPerPeriod = settings.TokensPerPeriod,
            ReplenishmentPeriod = settings.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

/// <summary>One caller's bucket in <see cref="EdgeCallerLimiter"/>.</summary>
public sealed class CallerRateLimit(PartitionedRateLimiter<string> buckets, string partition)
{
    /// <summary>The message of a refusal, the same for a refused call and a refused stream command.</summary>
    public const string RefusedMessage = "rate limit exceeded for this caller; slow down and retry later";

    /// <summary>Takes one token; false when the caller's bucket is empty (nothing waits for a refill).</summary>
    public bool TryTake()
    {
        using var lease = buckets.AttemptAcquire(partition);
        return lease.IsAcquired;
    }
}
