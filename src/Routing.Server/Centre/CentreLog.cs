using Microsoft.Extensions.Logging;
using Routing.Configuration;

namespace Routing.Server.Centre;

internal static partial class CentreLog
{
    [LoggerMessage(EventId = 100, EventName = "TenantApplied", Level = LogLevel.Information,
        Message = "Tenant {TenantId} ({TenantName}, {TimeZone}): {QueueCount} queues [{Queues}], {AgentCount} agents applied from {CentreFile}")]
    public static partial void TenantApplied(ILogger logger, string tenantId, string tenantName, string timeZone,
        int queueCount, string queues, int agentCount, string centreFile);

    [LoggerMessage(EventId = 101, EventName = "TenantRefused", Level = LogLevel.Critical,
        Message = "Tenant {TenantId} in {CentreFile} was refused ({Error}): {Reason}")]
    public static partial void TenantRefused(ILogger logger, string tenantId, string centreFile, string error, string reason);
}
