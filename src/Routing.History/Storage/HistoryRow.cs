using System.Data.Common;
using System.Text.Json;

namespace Routing.History.Storage;

/// <summary>The current row of a reader, read by column name; times are read the provider's way.</summary>
internal sealed class HistoryRow(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime)
{
    public string Text(string column) => reader.GetString(reader.GetOrdinal(column));

    public string TextAt(int ordinal) => reader.GetString(ordinal);

    public string? NullableText(string column) => Nullable(column, reader.GetString);

    public long Integer(string column) => reader.GetInt64(reader.GetOrdinal(column));

    public bool Boolean(string column) => reader.GetBoolean(reader.GetOrdinal(column));

    public DateTimeOffset Time(string column) => readTime(reader, reader.GetOrdinal(column));

    public DateTimeOffset? NullableTime(string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : readTime(reader, ordinal);
    }

    public TimeSpan Milliseconds(string column) => TimeSpan.FromMilliseconds(Integer(column));

    public T Json<T>(string column) => JsonSerializer.Deserialize<T>(Text(column))
        ?? throw new InvalidDataException($"column {column} holds JSON null");

    public TEnum Enum<TEnum>(string column) where TEnum : struct, Enum => System.Enum.Parse<TEnum>(Text(column));

    private T? Nullable<T>(string column, Func<int, T> read) where T : class
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : read(ordinal);
    }
}
