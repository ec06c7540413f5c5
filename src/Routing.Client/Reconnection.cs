using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Routing.Client;

/// <summary>Retry pipelines (Polly) for re-opening streams: exponential backoff with jitter, only for
/// failures worth trying again — the server or the connection went away. Anything else (bad input, no
/// permission, not found) would fail the same way again and is passed on.</summary>
internal static class Reconnection
{
    public static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted;

    /// <summary>Whether a stream's failure is worth another attempt: a transient status, or the connection itself
    /// going away, which HTTP/2 reports outside gRPC's statuses as an <see cref="IOException"/> or an
    /// <see cref="HttpRequestException"/> ("The request was aborted" from a server that is stopping).</summary>
    public static bool IsTransient(Exception failure) => failure switch
    {
        RpcException e => IsTransient(e.StatusCode),
        IOException or HttpRequestException => true,
        _ => false,
    };

    /// <summary>As <see cref="IsTransient(Exception)"/>, for a stream that <paramref name="ownLifetime"/> ends: a stream the
    /// app did not cancel that ends Cancelled was reset by the server (Kestrel resets its streams as it stops).</summary>
    public static bool IsTransient(Exception failure, CancellationToken ownLifetime) =>
        IsTransient(failure) || (failure is RpcException { StatusCode: StatusCode.Cancelled } && !ownLifetime.IsCancellationRequested);

    /// <summary>A pipeline retrying transient failures <paramref name="maxRetries"/> times (int.MaxValue: until cancelled);
    /// <paramref name="isTransient"/> replaces <see cref="IsTransient(Exception)"/> as the judge.</summary>
    public static ResiliencePipeline Pipeline(TimeSpan firstDelay, TimeSpan maxDelay, int maxRetries, Func<OnRetryArguments<object>, ValueTask>? onRetry = null, Func<Exception, bool>? isTransient = null) =>
        maxRetries <= 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(isTransient ?? IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay,
                MaxDelay = maxDelay,
                MaxRetryAttempts = maxRetries,
                OnRetry = onRetry,
            })
            .Build();

    /// <summary>The pipeline for re-opening the watch streams of <paramref name="options"/>' client.</summary>
    public static ResiliencePipeline ForWatches(RoutingClientOptions options) =>
        Pipeline(CallRetryBackoff.First, CallRetryBackoff.Max, options.MaxAttempts - 1);
}
