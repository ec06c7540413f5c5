using Microsoft.Extensions.Logging;
using Routing.History.Storage;

namespace Routing.History;

/// <summary>Makes the store the options name.</summary>
public static class HistoryStoreFactory
{
    public static IHistoryStore Create(HistoryOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = loggerFactory.CreateLogger("Routing.History.HistoryStore");
        return options.GetProvider() switch
        {
            HistoryProvider.Sqlite => new SqliteHistoryStore(options.ConnectionString, logger),
            HistoryProvider.PostgreSql => new PostgreSqlHistoryStore(options.ConnectionString, logger),
            var provider => throw new ArgumentOutOfRangeException(nameof(options), provider, "unknown history provider"),
        };
    }
}
