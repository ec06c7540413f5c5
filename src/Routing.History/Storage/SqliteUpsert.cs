using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>One table's upsert as a <see cref="SqliteStatement"/>: prepared once per batch, run for each row. Each column
/// is bound by its type (no boxing), a JSON column as the UTF-8 its writer wrote into one reused buffer;
/// <paramref name="onConflict"/> replaces the table's own conflict clause.</summary>
internal sealed class SqliteUpsert<T>(SqliteConnection connection, HistoryTable<T> table, Func<DateTimeOffset, long> time, string? onConflict = null)
    : IDisposable, IColumnWriter
{
    private readonly SqliteStatement _statement = new(connection,
        $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"?{i + 1}"))}) {onConflict ?? table.OnConflict}", time);

    private readonly ArrayBufferWriter<byte> _json = new();
    private Utf8JsonWriter? _jsonWriter;

    /// <summary>Writes one row; returns how many rows it changed (0 when the conflict rule kept the stored one).</summary>
    public int Write(T row)
    {
        var columns = table.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            columns[i].WriteTo(row, this, i);
        }
        return _statement.Execute();
    }

    public void Dispose()
    {
        _jsonWriter?.Dispose();
        _statement.Dispose();
    }

    void IColumnWriter.Text(int index, string? value) => _statement.BindText(index + 1, value);

    void IColumnWriter.Integer(int index, long value) => _statement.BindInteger(index + 1, value);

    void IColumnWriter.Boolean(int index, bool value) => _statement.BindInteger(index + 1, value ? 1 : 0);

    void IColumnWriter.Time(int index, DateTimeOffset? value) => _statement.BindTime(index + 1, value);

    Utf8JsonWriter IColumnWriter.BeginJson()
    {
        _json.ResetWrittenCount();
        if (_jsonWriter is null)
        {
            _jsonWriter = new Utf8JsonWriter(_json);
        }
        else
        {
            _jsonWriter.Reset(_json);
        }
        return _jsonWriter;
    }

    void IColumnWriter.EndJson(int index)
    {
        _jsonWriter!.Flush();
        _statement.BindUtf8(index + 1, _json.WrittenSpan);
    }
}
