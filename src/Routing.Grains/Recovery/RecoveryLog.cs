using Microsoft.Extensions.Logging;

namespace Routing.Grains.Recovery;

internal static partial class RecoveryLog
{
    [LoggerMessage(60, LogLevel.Warning, "Silo {LostSilos} was declared dead: woke the queues of {Tenants} tenants in {Milliseconds:0} ms")]
    public static partial void QueuesWoken(ILogger logger, string lostSilos, int tenants, double milliseconds);

    [LoggerMessage(61, LogLevel.Error, "Silo {LostSilos} was declared dead, and waking the queues failed; interaction reminders will wake the work")]
    public static partial void WakeFailed(ILogger logger, Exception exception, string lostSilos);
}
