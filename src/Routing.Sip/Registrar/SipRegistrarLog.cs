using System.Net;
using Microsoft.Extensions.Logging;

namespace Routing.Sip.Registrar;

internal static partial class SipRegistrarLog
{
    [LoggerMessage(1, LogLevel.Debug, "REGISTER from {Remote} refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, IPEndPoint remote, int status, string reason);

    [LoggerMessage(2, LogLevel.Debug, "REGISTER of {AddressOfRecord} from {Remote}: {Count} binding(s)")]
    public static partial void Registered(ILogger logger, string addressOfRecord, IPEndPoint remote, int count);

    [LoggerMessage(3, LogLevel.Error, "The registrar failed on a REGISTER from {Remote}; 500 sent")]
    public static partial void Failed(ILogger logger, IPEndPoint remote, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "A registration listener failed on the bindings of {AddressOfRecord}")]
    public static partial void ListenerFailed(ILogger logger, string addressOfRecord, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "REGISTER from {Remote} challenged: {Problem}")]
    public static partial void Challenged(ILogger logger, IPEndPoint remote, string problem);
}
