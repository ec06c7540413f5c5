using Microsoft.Data.Sqlite;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>One table's upsert as a <see cref="SqliteStatement"/>: prepared once per batch, run for each row.</summary>
internal sealed class SqliteUpsert<T>(SqliteConnection connection, HistoryTable<T> table, Func<DateTimeOffset, long> time) : IDisposable
{
    private readonly SqliteStatement _statement = new(connection,
        $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"?{i + 1}"))}) {table.OnConflict}", time);

    /// <summary>Writes one row; returns how many rows it changed (0 when the conflict rule kept the stored one).</summary>
    public int Write(T row)
    {
        var columns = table.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            _statement.Bind(i + 1, columns[i].Value(row));
        }
        return _statement.Execute();
    }

    public void Dispose() => _statement.Dispose();
}
