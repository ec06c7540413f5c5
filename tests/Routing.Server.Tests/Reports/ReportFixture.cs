using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Contracts.Security;
using Routing.History;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Reports;

/// <summary>
/// The real server with its history store on a temporary SQLite file, seeded through the store's API before the server
/// starts (<see cref="ReportSeed"/>): the test centre's tenants "acme" (Europe/Paris) and "globex".
/// </summary>
public sealed class ReportFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-reports-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    public Uri Address { get; private set; } = null!;

    public string HistoryConnectionString => $"Data Source={Path.Combine(_directory, "history.db")}";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await using (var store = OpenStore())
        {
            await store.MigrateAsync(CancellationToken.None);
            await store.WriteAsync(new HistoryBatch(ReportSeed.Facts()), CancellationToken.None);
        }
        var centreFile = await ReportSeed.WriteCentreAsync(_directory);
        (_app, Address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={SigningKey}", $"--History:ConnectionString={HistoryConnectionString}"], centreFile, 0, configureServices: null);
        Channel = GrpcChannel.ForAddress(Address);
    }

    /// <summary>The same store, opened apart from the server (to count what it holds).</summary>
    public IHistoryStore OpenStore() => HistoryStoreFactory.Create(
        new HistoryOptions { ConnectionString = HistoryConnectionString }, NullLoggerFactory.Instance);

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Call options with a valid token for the identity, and a deadline that fails a hung test.</summary>
    public CallOptions As(string tenant, params string[] roles) =>
        EdgeFixture.WithToken(DevTokens.Mint(SigningKey, tenant, roles, roles.Contains(EdgeRoles.Agent) ? "ann" : null, TimeSpan.FromHours(1)));

    /// <summary>As <see cref="As(string, string[])"/> for one role, with a permission claim (e.g. personal-data.read).</summary>
    public CallOptions WithPermission(string tenant, string role, string permission) =>
        EdgeFixture.WithToken(DevTokens.Mint(SigningKey, tenant, [role], null, TimeSpan.FromHours(1), subject: null, [permission]));
}

/// <summary>One server for every report test class.</summary>
[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportFixture>
{
    public const string Name = "reports";
}
