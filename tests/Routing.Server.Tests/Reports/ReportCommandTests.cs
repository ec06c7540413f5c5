using System.Text.Json;
using Routing.Server.Tests.Cli;

namespace Routing.Server.Tests.Reports;

/// <summary><c>routing report …</c> against the real server's seeded history: table, CSV and JSON.</summary>
[Collection(ReportCollection.Name)]
public sealed class ReportCommandTests(ReportFixture fixture)
{
    [Fact]
    public async Task Queue_Csv_OneLinePerIntervalDayQueueAndTotal()
    {
        var (exit, output) = await Run("report", "queue", "--from-date", ReportSeed.Day, "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Trim().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        Assert.StartsWith("Queue,Period,Offered,Answered,In SL", lines[0], StringComparison.Ordinal);
        Assert.Equal("sales,2026-11-24T09:00+01:00,3,2,1,0,1,0,0,0,50.0 %,00:00:25,00:03:00,00:00:40", lines[1]);
        Assert.Equal("all,total,3,2,1,0,1,0,0,0,50.0 %,00:00:25,00:03:00,00:00:40", lines[^1]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public async Task Queue_Table_ShowsTheFormula()
    {
        var (exit, output) = await Run("report", "queue", "--from-date", ReportSeed.Day, "--interval", "60");

        Assert.Equal(0, exit);
        Assert.Contains("answered within threshold / (offered - short abandons)", output, StringComparison.Ordinal);
        Assert.Contains("2026-11-24T09:00+01:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Json_IsTheServicesAnswer()
    {
        var (exit, output) = await Run("report", "search", "--from-date", ReportSeed.Day, "--disposition", "sold", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var interaction = Assert.Single(json.RootElement.GetProperty("interactions").EnumerateArray());
        Assert.Equal("acme-1", interaction.GetProperty("interactionId").GetString());
    }

    [Fact]
    public async Task TimelineAgentsDispositions_Tables()
    {
        var timeline = await Run("report", "timeline", "acme-1");
        var agents = await Run("report", "agents", "--from-date", ReportSeed.Day);
        var dispositions = await Run("report", "dispositions", "--from-date", ReportSeed.Day, "-f", "csv");

        Assert.Equal((0, 0, 0), (timeline.ExitCode, agents.ExitCode, dispositions.ExitCode));
        Assert.Contains("Connected", timeline.Output, StringComparison.Ordinal);
        Assert.Contains("ann", agents.Output, StringComparison.Ordinal);
        Assert.Contains("initech,sales,sold,1", dispositions.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_Exit1WithTheServersReason()
    {
        var (exit, output) = await Run("report", "queue", "--from-date", ReportSeed.Day, "--interval", "20");

        Assert.Equal(1, exit);
        Assert.Contains("InvalidArgument", output, StringComparison.Ordinal);
        Assert.Contains("interval_minutes", output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> Run(params string[] args) => CliRun.Routing(fixture.Address, fixture.SigningKey, args);
}
