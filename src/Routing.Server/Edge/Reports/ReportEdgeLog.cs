namespace Routing.Server.Edge.Reports;

internal static partial class ReportEdgeLog
{
    [LoggerMessage(EventId = 400, EventName = "HistoryUnreadable", Level = LogLevel.Warning,
        Message = "Report {Report} for tenant {TenantId} failed: the history store could not be read")]
    public static partial void HistoryUnreadable(ILogger logger, string report, string tenantId, Exception exception);
}
