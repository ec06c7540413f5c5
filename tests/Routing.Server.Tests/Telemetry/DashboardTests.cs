using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.Telemetry;

/// <summary>The Grafana dashboard (deploy/grafana/routing-dashboard.json) queries only metrics the server exports, so the
/// dashboard and the code cannot drift apart: a renamed instrument or a mistyped query fails here.</summary>
public sealed partial class DashboardTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private static readonly HashSet<string> PromQlWords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset"];

    [Fact]
    public async Task Dashboard_EveryQueriedMetric_IsExportedByTheServer()
    {
        // Every edge instrument exists once a call has gone through the edge.
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await new InteractionService.InteractionServiceClient(fixture.Channel)
            .GetAsync(new GetInteractionRequest { InteractionId = $"nope-{Guid.NewGuid():N}" }, fixture.As(["gateway"])));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        var exported = new HashSet<string>((await fixture.ScrapeAsync()).Families, StringComparer.Ordinal);
        // The routing instruments export nothing until first used (an overflow, a failed write): their names as exported.
        exported.UnionWith(RoutingInstrumentNames());

        var queried = QueriedMetrics(Path.Combine(AppContext.BaseDirectory, "Telemetry", "routing-dashboard.json"));

        Assert.NotEmpty(queried);
        Assert.Contains("routing_offer_latency_seconds_bucket", queried);
        var missing = queried.Where(name => !exported.Contains(name) && !exported.Contains(HistogramFamily(name))).Order(StringComparer.Ordinal).ToList();
        Assert.Empty(missing);
    }

    /// <summary>The metric names of every panel query and template variable of the dashboard.</summary>
    private static HashSet<string> QueriedMetrics(string dashboardFile)
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(dashboardFile));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    names.UnionWith(MetricsOf(target.GetProperty("expr").GetString()!));
                }
            }
        }
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.TryGetProperty("definition", out var definition) && LabelValues().Match(definition.GetString()!) is { Success: true } match)
            {
                names.Add(match.Groups["metric"].Value);
            }
        }
        return names;
    }

    /// <summary>The metric names in a PromQL expression: what is left once strings, label matchers, ranges, grouping
    /// clauses and function calls are taken out.</summary>
    private static IEnumerable<string> MetricsOf(string expression)
    {
        var bare = StringLiteral().Replace(expression, "");
        bare = LabelMatchers().Replace(bare, "");
        bare = Range().Replace(bare, "");
        bare = Grouping().Replace(bare, "");
        return Identifier().Matches(bare).Select(m => m.Groups["name"].Value).Where(name => !PromQlWords.Contains(name));
    }

    /// <summary>The exported name of every routing instrument (meters Routing and Routing.History), by the Prometheus
    /// exporter's rules: dots to underscores, the unit appended (curly-brace units dropped), <c>_total</c> for counters.</summary>
    private static HashSet<string> RoutingInstrumentNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name is Grains.Telemetry.RoutingMeter.Name or Routing.History.HistoryRecorder.MeterName)
            {
                names.Add(ExportedName(instrument));
            }
        };
        listener.Start();
        return names;
    }

    private static string ExportedName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        var unit = instrument.Unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            null or "" => null,
            var braced when braced.StartsWith('{') => null,
            var other => other,
        };
        if (unit is not null && !name.EndsWith($"_{unit}", StringComparison.Ordinal))
        {
            name += $"_{unit}";
        }
        var kind = instrument.GetType().GetGenericTypeDefinition();
        return kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>) ? name + "_total" : name;
    }

    private static string HistogramFamily(string name) => HistogramSeries().Replace(name, "");

    [GeneratedRegex("""label_values\(\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)""")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"""(\\.|[^""\\])*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSeries();
}
