using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Routing.History.Storage;

/// <summary>
/// One statement of the SQLite writer, prepared once per batch on the batch's connection and run many times straight
/// through SQLite's own API. Written here rather than with <see cref="SqliteCommand"/> because Microsoft.Data.Sqlite makes
/// a binder for every parameter and a data reader for every execution, and copies every string to a new UTF-8 array: at
/// 500 interactions a second that was a quarter of the server's allocations. Strings are encoded into one buffer per statement. Runs
/// inside the connection's open transaction (a SQLite transaction belongs to the connection).
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly Func<DateTimeOffset, long> _time;
    private byte[] _utf8 = new byte[256];

    /// <summary>Prepares <paramref name="sql"/> (parameters <c>?1</c>, <c>?2</c>…) on <paramref name="connection"/>;
    /// <paramref name="time"/> is how a time is stored (microseconds since the Unix epoch).</summary>
    public SqliteStatement(SqliteConnection connection, string sql, Func<DateTimeOffset, long> time)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        _time = time;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, sql, out _statement), _database);
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to a string or null. The string is encoded here into a
    /// buffer the statement keeps, as the database stores it (UTF-8): given UTF-16, SQLite converts it with an
    /// allocation of its own per value, a visible share of the writer's time.</summary>
    public void BindText(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }
        var written = Encoding.UTF8.GetBytes(value, _utf8);
        // An empty span would bind NULL: an empty string is bound as one.
        Check(written == 0 ? raw.sqlite3_bind_text(_statement, index, string.Empty) : raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, written)));
    }

    /// <summary>Binds text given as UTF-8 (SQLite copies it).</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void BindInteger(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindTime(int index, DateTimeOffset? value) =>
        Check(value is { } time ? raw.sqlite3_bind_int64(_statement, index, _time(time)) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement with the values bound; returns how many rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a query of one row and one integer column with the values bound; returns that integer.</summary>
    public long ReadInteger()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(result == raw.SQLITE_DONE ? raw.SQLITE_MISMATCH : result, _database);
            }
            return raw.sqlite3_column_int64(_statement, 0);
        }
        finally
        {
            Reset();
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result) => SqliteException.ThrowExceptionForRC(result, _database);

    private void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }
}
