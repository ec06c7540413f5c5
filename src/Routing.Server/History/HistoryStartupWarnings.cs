using Microsoft.Extensions.Options;
using Routing.History;
using Routing.Server.Cluster;

namespace Routing.Server.History;

/// <summary>
/// Logs at start-up where history goes, and warns when a cluster of several silos keeps it in SQLite: each machine
/// would keep its own file, so reports would see only part of the centre, and silos on one machine sharing a file take
/// turns writing. It warns rather than refuses, so a one-machine trial with Redis clustering still starts.
/// </summary>
internal sealed class HistoryStartupWarnings(IOptions<HistoryOptions> history, IOptions<ClusterSettings> cluster, ILogger<HistoryStartupWarnings> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = history.Value.GetProvider();
        if (provider == HistoryProvider.Sqlite)
        {
            ServerLog.HistoryInSqlite(logger, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(history.Value.ConnectionString).DataSource);
            if (cluster.Value.SharedClustering)
            {
                ServerLog.SqliteHistoryInCluster(logger);
            }
        }
        else
        {
            ServerLog.HistoryInPostgreSql(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
