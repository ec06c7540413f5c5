using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Routing.History;
using Routing.History.PersonalData;

namespace Routing.Server.History;

/// <summary>
/// The server's history store (section <c>History</c>): on by default, in an SQLite file under the server's content
/// root (the folder of its binary) unless configured otherwise; PostgreSQL for several silos. Registered before the
/// silo, so the recorder starts first and stops after it, storing what the grains recorded while they shut down.
/// </summary>
internal static class ServerHistory
{
    /// <summary>The SQLite file of the default configuration, relative to the content root.</summary>
    public const string DefaultSqliteFile = "data/routing-history.db";

    public static void AddHistory(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(HistoryOptions.SectionName);
        if (!(section.GetValue<bool?>(nameof(HistoryOptions.Enabled)) ?? true))
        {
            return;
        }
        // The tenants' own personal data policies (from their configuration) instead of the history's default for all.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IPersonalDataPolicies, TenantPersonalDataPolicies>();
        builder.Services.AddRoutingHistory(builder.Configuration);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.PostConfigure<HistoryOptions>(options => options.ConnectionString = UnderContentRoot(options, contentRoot));
        builder.Services.AddHostedService<HistoryStartupWarnings>();
    }

    /// <summary>An SQLite connection string whose relative file is made absolute under <paramref name="contentRoot"/>, so
    /// the server finds the same file from any working directory; anything else as it is (the validator judges it).</summary>
    public static string UnderContentRoot(HistoryOptions options, string contentRoot)
    {
        if (!options.TryGetProvider(out var provider) || provider != HistoryProvider.Sqlite || string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }
        try
        {
            var sqlite = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(sqlite.DataSource) || sqlite.DataSource.Trim() == ":memory:" || Path.IsPathRooted(sqlite.DataSource))
            {
                return options.ConnectionString;
            }
            sqlite.DataSource = Path.GetFullPath(sqlite.DataSource, contentRoot);
            return sqlite.ConnectionString;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            return options.ConnectionString;
        }
    }
}
