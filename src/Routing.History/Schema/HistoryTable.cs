namespace Routing.History.Schema;

/// <summary>A history table as the writers see it: its columns in order, its key and what a repeated key does.
/// Both providers build their upserts from it, so the column lists are written once.</summary>
internal sealed class HistoryTable<T>(string name, string[] key, ConflictRule rule, HistoryColumn<T>[] columns)
{
    public const string VersionColumn = "version";
    public const string EndColumn = "ended_at";

    public string Name { get; } = name;

    public IReadOnlyList<HistoryColumn<T>> Columns { get; } = columns;

    /// <summary>"a, b, c" in column order.</summary>
    public string ColumnList { get; } = string.Join(", ", columns.Select(column => column.Name));

    /// <summary>The <c>ON CONFLICT</c> clause, the same in SQLite (3.24+) and PostgreSQL.</summary>
    public string OnConflict { get; } = BuildOnConflict(name, key, rule, columns);

    /// <summary>The <c>ON CONFLICT</c> clause that leaves a stored row alone, whatever the table's rule: a writer that
    /// must tell an insert from an update runs this first.</summary>
    public string OnConflictDoNothing { get; } = BuildOnConflict(name, key, ConflictRule.KeepFirst, columns);

    /// <summary>The key columns, in order.</summary>
    public IReadOnlyList<string> Key { get; } = key;

    private static string BuildOnConflict(string name, string[] key, ConflictRule rule, HistoryColumn<T>[] columns)
    {
        var target = $"ON CONFLICT ({string.Join(", ", key)})";
        return rule switch
        {
            ConflictRule.KeepFirst => $"{target} DO NOTHING",
            // Only an open row takes an end: a repeat changes no row, so the event feed sees "changed" only when it was.
            ConflictRule.KeepEnd => $"{target} DO UPDATE SET {EndColumn} = excluded.{EndColumn} WHERE {name}.{EndColumn} IS NULL AND excluded.{EndColumn} IS NOT NULL",
            ConflictRule.KeepNewestVersion =>
                $"{target} DO UPDATE SET {string.Join(", ", columns.Where(column => !key.Contains(column.Name) && !column.FixedAtInsert).Select(column => $"{column.Name} = excluded.{column.Name}"))} " +
                $"WHERE excluded.{VersionColumn} >= {name}.{VersionColumn}",
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown conflict rule"),
        };
    }
}
