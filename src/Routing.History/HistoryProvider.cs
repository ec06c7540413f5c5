namespace Routing.History;

/// <summary>The database behind the history store.</summary>
public enum HistoryProvider
{
    /// <summary>An embedded SQLite file: the default, nothing to install.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server: for production and several silos.</summary>
    PostgreSql = 1,
}
