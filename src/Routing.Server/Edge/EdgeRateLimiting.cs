using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Routing.Contracts.Security;

namespace Routing.Server.Edge;

/// <summary>
/// A token bucket per caller (tenant + agent, or tenant + token subject; unauthenticated calls per
/// remote address). Health checks and reflection are not limited.
/// </summary>
/// <remarks>
/// A refused gRPC call is answered as a gRPC "trailers-only" response with status
/// <c>RESOURCE_EXHAUSTED</c> (8) and HTTP 200. Answering HTTP 429 instead, as the ASP.NET Core rate
/// limiter does by default, reaches a grpc-dotnet client as <c>UNAVAILABLE</c> (its mapping of HTTP
/// 429/502/503/504), which retry policies treat as "try again at once" — the opposite of what a
/// limit means. Non-gRPC requests get HTTP 429.
/// </remarks>
internal static class EdgeRateLimiting
{
    public static IServiceCollection AddEdgeRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            options.OnRejected = OnRejected;
        });

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<IOptionsMonitor<EdgeRateLimitOptions>>().CurrentValue;
        var path = context.Request.Path.Value ?? string.Empty;
        if (!settings.Enabled
            || path.StartsWith("/grpc.health.", StringComparison.Ordinal)
            || path.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }
        return RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.TokenLimit,
            TokensPerPeriod = settings.TokensPerPeriod,
            ReplenishmentPeriod = settings.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string PartitionKey(HttpContext context)
    {
        var user = context.User;
        if (user.Identity is { IsAuthenticated: true })
        {
            var tenant = user.FindFirst(EdgeClaims.Tenant)?.Value ?? string.Empty;
            var who = user.FindFirst(EdgeClaims.Agent)?.Value ?? user.FindFirst(EdgeClaims.Subject)?.Value ?? string.Empty;
            return $"caller:{tenant}/{who}";
        }
        return $"anonymous:{context.Connection.RemoteIpAddress}";
    }

    private static ValueTask OnRejected(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Routing.Server.Edge");
        EdgeLog.RateLimited(logger, http.Request.Path.Value ?? string.Empty, PartitionKey(http));
        if (EdgeGrpcResponses.IsGrpc(http.Request))
        {
            EdgeGrpcResponses.WriteTrailersOnly(http, Grpc.Core.StatusCode.ResourceExhausted, "rate limit exceeded for this caller; slow down and retry later");
        }
        return ValueTask.CompletedTask;
    }
}
