namespace Routing.SipGateway.Calls;

/// <summary>How the gateway answers callers (<c>Gateway:Calls</c>).</summary>
public sealed class GatewayCallOptions
{
    public const string SectionName = "Gateway:Calls";

    /// <summary>How often a waiting caller's 182 Queued is sent again. RFC 3261 §13.3.1.1 asks for a provisional
    /// response every minute, so that proxies on the way (Timer C, at least 3 minutes) do not give up on the call.</summary>
    public TimeSpan QueuedRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The answer when the queue is full: 486 Busy Here (the caller's phone shows busy) or 503 Service
    /// Unavailable (an SBC or PBX in front may try another route), both with Retry-After.</summary>
    public int QueueFullStatus { get; set; } = 503;

    /// <summary>The Retry-After sent with a full queue or an unreachable cluster.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Calls handled at once; an INVITE beyond it gets 503 with Retry-After, so a flood cannot exhaust the
    /// gateway (each waiting call holds a watch of its interaction).</summary>
    public int MaxCalls { get; set; } = 20_000;

    /// <summary>On stop (SIGTERM), how long calls in progress may finish while new INVITEs get 503; then every call
    /// still waiting is answered 503 and abandoned. The host's shutdown timeout is set above it.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
