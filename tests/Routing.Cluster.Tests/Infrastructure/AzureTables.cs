namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>Tables of a test's own in the shared Azurite (grain state, reminders, membership), so tests never see
/// each other's rows; every silo of the test, and the ones that replace them, use the same.</summary>
internal sealed record AzureTables(string ConnectionString, bool Clustering)
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}"[..13];

    public string Grains => _prefix + "grains";

    public string Reminders => _prefix + "reminders";

    public string Silos => _prefix + "silos";

    /// <summary>The server's command-line settings for these tables.</summary>
    public string[] Settings() =>
    [
        $"--Routing:Cluster:Clustering={(Clustering ? "AzureTable" : "Localhost")}",
        "--Routing:Cluster:Storage=AzureTable",
        $"--Routing:Cluster:AzureTableConnectionString={ConnectionString}",
        $"--Routing:Cluster:AzureTableName={Grains}",
        $"--Routing:Cluster:AzureReminderTableName={Reminders}",
        $"--Routing:Cluster:AzureMembershipTableName={Silos}",
    ];
}
