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

    /// <summary>A pipeline retrying transient failures <paramref name="maxRetries"/> times (int.MaxValue: until cancelled).</summary>
    public static ResiliencePipeline Pipeline(TimeSpan firstDelay, TimeSpan maxDelay, int maxRetries, Func<OnRetryArguments<object>, ValueTask>? onRetry = null) =>
        maxRetries <= 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => IsTransient(e.StatusCode)).Handle<IOException>(),
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
