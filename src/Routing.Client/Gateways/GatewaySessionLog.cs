using Microsoft.Extensions.Logging;

namespace Routing.Client.Gateways;

internal static partial class GatewaySessionLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Gateway session: stream lost or refused ({Reason}); reconnecting (attempt {Attempt})")]
    public static partial void Dropped(ILogger logger, int attempt, string reason);
}
