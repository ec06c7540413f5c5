using Microsoft.Extensions.Logging;

namespace Routing.Sip.Proxy;

internal static partial class SipProxyLog
{
    [LoggerMessage(1, LogLevel.Information, "{Method} for call {CallId} not forwarded to {Target}: {Reason}")]
    public static partial void NotForwarded(ILogger logger, string method, string? callId, string target, string reason);

    [LoggerMessage(2, LogLevel.Warning, "A 2xx for call {CallId} came after the caller's transaction ended; it is not forwarded")]
    public static partial void LateSuccess(ILogger logger, string? callId);

    [LoggerMessage(3, LogLevel.Error, "The dialog observer of call {CallId} failed on {Method}; the request is forwarded")]
    public static partial void ObserverFailed(ILogger logger, string? callId, string method, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "{Method} for call {CallId} not forwarded: Max-Forwards is 0 (483; an ACK is dropped)")]
    public static partial void TooManyHops(ILogger logger, string method, string? callId);
}
