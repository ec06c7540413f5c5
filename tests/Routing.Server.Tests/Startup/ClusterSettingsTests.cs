using Routing.Server.Cluster;

namespace Routing.Server.Tests.Startup;

/// <summary>Where the server keeps reminders for each choice of clustering and storage: with durable grain state,
/// so a scheduled callback's reminder lasts as long as the callback does.</summary>
public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData("Localhost", "Memory", "Memory")]
    [InlineData("Localhost", "AzureTable", "AzureTable")]
    [InlineData("Localhost", "Redis", "Redis")]
    [InlineData("Redis", "Memory", "Redis")]
    [InlineData("Redis", "AzureTable", "AzureTable")]
    [InlineData("AzureTable", "Memory", "AzureTable")]
    [InlineData("AzureTable", "Redis", "Redis")]
    [InlineData("azuretable", "azuretable", "azuretable")]
    public void Reminders_FollowDurableStateElseMembership(string clustering, string storage, string reminders)
    {
        var settings = new ClusterSettings { Clustering = clustering, Storage = storage };

        Assert.Equal(reminders, settings.Reminders, ignoreCase: true);
        Assert.Equal(string.Equals(reminders, ClusterSettings.AzureTable, StringComparison.OrdinalIgnoreCase), settings.AzureTableReminders);
        Assert.Equal(string.Equals(reminders, ClusterSettings.Redis, StringComparison.OrdinalIgnoreCase), settings.RedisReminders);
    }

    [Fact]
    public void AzureSettings_EveryProblemAtOnce_WithoutRepeatingTheConnectionString()
    {
        var settings = new ClusterSettings
        {
            Clustering = ClusterSettings.AzureTable,
            AzureTableConnectionString = "AccountKey=c2VjcmV0;this is not a connection string",
            AzureTableName = "grain_state",
            AzureReminderTableName = "tables",
        };

        var problems = settings.Problems().ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Routing:Cluster:AzureTableConnectionString is not a valid Azure Storage connection string", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Routing:Cluster:AzureTableName must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Routing:Cluster:AzureReminderTableName must be", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("c2VjcmV0", StringComparison.Ordinal));
    }
}
