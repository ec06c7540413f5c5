using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Routing.History.Schema;

/// <summary>One column of a history table and how to take its value from a record: typed, so the SQLite writer binds
/// it without boxing (<see cref="WriteTo"/>); <see cref="Value"/> gives it as an object for the writers that need one.</summary>
internal sealed class HistoryColumn<T>
{
    private readonly Func<T, string?>? _text;
    private readonly Func<T, long>? _integer;
    private readonly Func<T, bool>? _boolean;
    private readonly Func<T, DateTimeOffset?>? _time;
    private readonly Action<T, Utf8JsonWriter>? _json;

    public HistoryColumn(string name, Func<T, string?> text) : this(name, ColumnKind.Text) => _text = text;

    public HistoryColumn(string name, Func<T, long> integer) : this(name, ColumnKind.Integer) => _integer = integer;

    public HistoryColumn(string name, Func<T, bool> boolean) : this(name, ColumnKind.Boolean) => _boolean = boolean;

    public HistoryColumn(string name, Func<T, DateTimeOffset?> time) : this(name, ColumnKind.Time) => _time = time;

    /// <summary>A JSON column whose document <paramref name="json"/> writes (one value).</summary>
    public HistoryColumn(string name, Action<T, Utf8JsonWriter> json) : this(name, ColumnKind.Json) => _json = json;

    private HistoryColumn(string name, ColumnKind kind) => (Name, Kind) = (name, kind);

    public string Name { get; }

    public ColumnKind Kind { get; }

    /// <summary>Set when the row is first stored and never changed by a later version (<c>init</c> in the table
    /// definitions): a newer version's upsert leaves it out, so the database keeps the indexes built on it instead of
    /// rewriting their entries at every version.</summary>
    public bool FixedAtInsert { get; init; }

    /// <summary>Hands the column's value of <paramref name="row"/> to <paramref name="writer"/> as column <paramref name="index"/>.</summary>
    public void WriteTo(T row, IColumnWriter writer, int index)
    {
        switch (Kind)
        {
            case ColumnKind.Text:
                writer.Text(index, _text!(row));
                break;
            case ColumnKind.Integer:
                writer.Integer(index, _integer!(row));
                break;
            case ColumnKind.Boolean:
                writer.Boolean(index, _boolean!(row));
                break;
            case ColumnKind.Time:
                writer.Time(index, _time!(row));
                break;
            default:
                _json!(row, writer.BeginJson());
                writer.EndJson(index);
                break;
        }
    }

    /// <summary>The value as an object: a string (JSON as its text), a long, a bool, a <see cref="DateTimeOffset"/> or null.</summary>
    public object? Value(T row) => Kind switch
    {
        ColumnKind.Text => _text!(row),
        ColumnKind.Integer => _integer!(row),
        ColumnKind.Boolean => _boolean!(row),
        ColumnKind.Time => _time!(row),
        _ => JsonText(row),
    };

    private string JsonText(T row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            _json!(row, writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
