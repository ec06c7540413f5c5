using Microsoft.AspNetCore.RateLimiting;

namespace Routing.Server.Edge;

/// <summary>
/// The per-caller rate limit of every call (<see cref="EdgeCallerLimiter"/>, whose buckets the agent
/// session stream shares for its commands). Health checks and reflection are not limited.
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
    public static IServiceCollection AddEdgeRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<EdgeCallerLimiter>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejected;
        });
        services.AddOptions<RateLimiterOptions>()
            .Configure<EdgeCallerLimiter>((options, limiter) => options.GlobalLimiter = limiter.ForRequests());
        return services;
    }

    private static ValueTask OnRejected(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Routing.Server.Edge");
        EdgeLog.RateLimited(logger, http.Request.Path.Value ?? string.Empty, EdgeCallerLimiter.CallerOf(http));
        if (EdgeGrpcResponses.IsGrpc(http.Request))
        {
            EdgeGrpcResponses.WriteTrailersOnly(http, Grpc.Core.StatusCode.ResourceExhausted, CallerRateLimit.RefusedMessage);
        }
        return ValueTask.CompletedTask;
    }
}
