namespace Routing.History.Schema;

/// <summary>How a column's value is kept: each provider maps the kind to its own type (a time is microseconds since
/// the Unix epoch in SQLite, a <c>timestamptz</c> in PostgreSQL; JSON is text in SQLite, <c>jsonb</c> in PostgreSQL).</summary>
internal enum ColumnKind
{
    /// <summary>A string (enums are kept by name).</summary>
    Text,

    /// <summary>A 64-bit integer (durations in milliseconds).</summary>
    Integer,

    Boolean,

    /// <summary>A <see cref="DateTimeOffset"/>, kept in UTC to the microsecond.</summary>
    Time,

    /// <summary>A JSON document.</summary>
    Json,
}
