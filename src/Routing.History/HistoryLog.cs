using Microsoft.Extensions.Logging;

namespace Routing.History;

internal static partial class HistoryLog
{
    [LoggerMessage(1, LogLevel.Information, "History store ({Provider}) is at the latest schema; migrations run now: {Scripts}")]
    public static partial void Migrated(ILogger logger, HistoryProvider provider, string scripts);

    [LoggerMessage(2, LogLevel.Warning, "History store ({Provider}) could not be migrated (attempt {Attempt}); trying again in {Delay}")]
    public static partial void MigrationFailed(ILogger logger, HistoryProvider provider, int attempt, TimeSpan delay, Exception? exception);

    [LoggerMessage(3, LogLevel.Debug, "History batch of {Facts} facts written in {ElapsedMs:0.0} ms")]
    public static partial void BatchWritten(ILogger logger, int facts, double elapsedMs);

    [LoggerMessage(4, LogLevel.Warning, "History batch of {Facts} facts failed (attempt {Attempt}); trying again in {Delay}, {Pending} facts pending")]
    public static partial void BatchFailed(ILogger logger, int facts, int attempt, TimeSpan delay, long pending, Exception? exception);

    [LoggerMessage(5, LogLevel.Information, "History writes resumed after {Attempts} failed attempts")]
    public static partial void Resumed(ILogger logger, int attempts);

    [LoggerMessage(6, LogLevel.Warning, "History queue full ({Capacity} facts) or recorder stopped: a {Kind} fact was dropped ({Dropped} dropped so far)")]
    public static partial void Dropped(ILogger logger, int capacity, string kind, long dropped);

    [LoggerMessage(7, LogLevel.Error, "History recorder stopped with {Abandoned} facts unwritten")]
    public static partial void Abandoned(ILogger logger, long abandoned);

    [LoggerMessage(8, LogLevel.Error, "History store refused a fact, left out: {Fact}")]
    public static partial void Rejected(ILogger logger, string fact, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "A history receipt failed when told its facts were written")]
    public static partial void ReceiptFailed(ILogger logger, Exception exception);

    /// <summary>A fact's kind and key, without its content (which may hold personal data).</summary>
    public static string Key(HistoryFact fact) => fact switch
    {
        InteractionRecord interaction => $"interaction {interaction.TenantId}/{interaction.InteractionId} version {interaction.Version}",
        InteractionEventRecord interactionEvent => $"event {interactionEvent.TenantId}/{interactionEvent.InteractionId} #{interactionEvent.Sequence}",
        AgentStateInterval interval => $"agent interval {interval.TenantId}/{interval.AgentId} #{interval.Sequence}",
        SupervisorActionRecord action => $"supervisor action {action.TenantId}/{action.ActionId}",
        _ => fact.GetType().Name,
    };
}
