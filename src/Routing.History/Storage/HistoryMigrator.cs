using DbUp;
using Microsoft.Extensions.Logging;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// Versioned migrations with DbUp: the scripts embedded under <c>Migrations/</c>, run in name order, each once, each
/// in its own transaction, recorded in the <see cref="JournalTable"/> table. One script set serves both providers:
/// the column types that differ are DbUp variables (<c>$time$</c>, <c>$json$</c>, <c>$bool$</c>) filled in here, and
/// so are the expressions that differ (<c>$arrival_quarter$</c>, <c>$connection_quarter$</c>: the quarter hours the
/// queue report groups by, which its indexes hold; <c>$queue_intervals_fill$</c>: the SQL that computes migration 0007's
/// aggregates from the stored rows; <c>$without_rowid$</c>: a key-only table stored as its key alone in SQLite).
/// A new schema version is a new script (<c>0002_….sql</c>); a script already run is never edited.
/// </summary>
internal static class HistoryMigrator
{
    public const string JournalTable = "history_schema_versions";

    public static IReadOnlyList<string> Migrate(HistoryProvider provider, string connectionString, ILogger logger)
    {
        var prefix = $"{typeof(HistoryMigrator).Assembly.GetName().Name}.Migrations.";
        var builder = provider switch
        {
            HistoryProvider.Sqlite => DeployChanges.To.SqliteDatabase(connectionString).JournalToSqliteTable(JournalTable),
            HistoryProvider.PostgreSql => DeployChanges.To.PostgresqlDatabase(connectionString).JournalToPostgresqlTable(null, JournalTable),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown history provider"),
        };
        var engine = builder
            .WithScriptsEmbeddedInAssembly(typeof(HistoryMigrator).Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithVariables(Variables(provider))
            .WithTransactionPerScript()
            .LogTo(logger)
            .Build();
        var result = engine.PerformUpgrade();
        return result.Successful
            ? result.Scripts.Select(script => script.Name[prefix.Length..]).ToList()
            : throw new HistoryMigrationException($"the {provider} history schema could not be migrated (script {result.ErrorScript?.Name ?? "?"}): {result.Error.Message}", result.Error);
    }

    private static Dictionary<string, string> Variables(HistoryProvider provider) => provider == HistoryProvider.Sqlite
        ? new() { ["time"] = "INTEGER", ["json"] = "TEXT", ["bool"] = "INTEGER", ["arrival_quarter"] = SqliteHistoryStore.QuarterHourSql("arrived_at"),
            ["connection_quarter"] = SqliteHistoryStore.QuarterHourSql("connected_at"), ["queue_intervals_fill"] = QueueIntervals.Fill(SqliteHistoryStore.QuarterHourSql),
            ["without_rowid"] = " WITHOUT ROWID" }
        : new() { ["time"] = "TIMESTAMPTZ", ["json"] = "JSONB", ["bool"] = "BOOLEAN", ["arrival_quarter"] = PostgreSqlHistoryStore.QuarterHourSql("arrived_at"),
            ["connection_quarter"] = PostgreSqlHistoryStore.QuarterHourSql("connected_at"), ["queue_intervals_fill"] = QueueIntervals.Fill(PostgreSqlHistoryStore.QuarterHourSql),
            ["without_rowid"] = "" };
}

/// <summary>A migration script failed; the schema stays at the last script that succeeded.</summary>
public sealed class HistoryMigrationException(string message, Exception innerException) : Exception(message, innerException);
