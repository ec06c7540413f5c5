using Microsoft.Extensions.Logging;

namespace Routing.Server;

/// <summary>Start-up messages of the server host.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, EventName = "InvalidSettings", Level = LogLevel.Critical,
        Message = "The routing server did not start: its settings are not valid: {Problems}")]
    public static partial void InvalidSettings(ILogger logger, string problems);

    [LoggerMessage(EventId = 2, EventName = "StartFailed", Level = LogLevel.Critical,
        Message = "The routing server did not start")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "CentreRefused", Level = LogLevel.Critical,
        Message = "The routing server did not start: the centre configuration was refused (see above)")]
    public static partial void CentreRefused(ILogger logger);

    [LoggerMessage(EventId = 4, EventName = "StartCheckFailed", Level = LogLevel.Critical,
        Message = "The routing server did not start: {Reason}")]
    public static partial void StartCheckFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, EventName = "HistoryInSqlite", Level = LogLevel.Information,
        Message = "History is kept in the SQLite file {File}")]
    public static partial void HistoryInSqlite(ILogger logger, string file);

    [LoggerMessage(EventId = 6, EventName = "HistoryInPostgreSql", Level = LogLevel.Information,
        Message = "History is kept in PostgreSQL")]
    public static partial void HistoryInPostgreSql(ILogger logger);

    [LoggerMessage(EventId = 7, EventName = "SqliteHistoryInCluster", Level = LogLevel.Warning,
        Message = "History is kept in SQLite while Routing:Cluster:Clustering is Redis or AzureTable (several silos): each machine keeps its own file, so reports see only part of the centre. Use History:Provider=PostgreSql with one database for every silo")]
    public static partial void SqliteHistoryInCluster(ILogger logger);

    [LoggerMessage(EventId = 8, EventName = "GarbageCollector", Level = LogLevel.Information,
        Message = "Garbage collector: {Mode} mode, young generation budget {Budget}")]
    public static partial void GarbageCollector(ILogger logger, string mode, string budget);

    [LoggerMessage(EventId = 9, EventName = "YoungGenerationBudgetNotSet", Level = LogLevel.Warning,
        Message = "The garbage collector's young generation budget is not set to at most 32 MiB, so a collection can stop routing for 100 ms or more: start the server with DOTNET_GCgen0size=0x800000 (8 MiB), as the container image does (deploy/RUNBOOK.md)")]
    public static partial void YoungGenerationBudgetNotSet(ILogger logger);
}
