using Microsoft.Extensions.Logging;

namespace Routing.Sip.Core;

internal static partial class SipCoreLog
{
    [LoggerMessage(1, LogLevel.Debug, "{Method} from {Remote} refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, System.Net.IPEndPoint remote, int status, string reason);

    [LoggerMessage(2, LogLevel.Debug, "ACK from {Remote} matches no transaction or dialog; dropped")]
    public static partial void StrayAck(ILogger logger, System.Net.IPEndPoint remote);

    [LoggerMessage(3, LogLevel.Error, "The {Method} handler failed; 500 sent")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);
}
