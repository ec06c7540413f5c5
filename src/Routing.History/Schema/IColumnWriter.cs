using System.Text.Json;

namespace Routing.History.Schema;

/// <summary>Where a row's values go, one typed call per column, so a writer that binds them straight to a statement
/// (SQLite's) boxes nothing. Each call's index counts columns from 0.</summary>
internal interface IColumnWriter
{
    void Text(int index, string? value);

    void Integer(int index, long value);

    void Boolean(int index, bool value);

    void Time(int index, DateTimeOffset? value);

    /// <summary>A fresh writer for a JSON value; <see cref="EndJson"/> takes what was written.</summary>
    Utf8JsonWriter BeginJson();

    void EndJson(int index);
}
