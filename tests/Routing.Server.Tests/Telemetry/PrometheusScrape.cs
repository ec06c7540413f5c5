using System.Globalization;
using System.Text.RegularExpressions;

namespace Routing.Server.Tests.Telemetry;

/// <summary>One scrape of a Prometheus text exposition: its samples and the metric families it declares.</summary>
public sealed partial class PrometheusScrape
{
    private PrometheusScrape(string text, List<Sample> samples, HashSet<string> families)
    {
        Text = text;
        Samples = samples;
        Families = families;
    }

    public string Text { get; }

    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>The names of the <c># TYPE</c> lines.</summary>
    public IReadOnlySet<string> Families { get; }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http, Uri address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(address, cancellationToken);
        var samples = new List<Sample>();
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                families.Add(line.Split(' ')[2]);
            }
            else if (!line.StartsWith('#') && SampleLine().Match(line) is { Success: true } match)
            {
                var labels = LabelPair().Matches(match.Groups["labels"].Value)
                    .ToDictionary(l => l.Groups["name"].Value, l => l.Groups["value"].Value, StringComparer.Ordinal);
                samples.Add(new Sample(match.Groups["name"].Value, labels, Number(match.Groups["value"].Value)));
            }
        }
        return new PrometheusScrape(text, samples, families);
    }

    private static double Number(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/>; 0 when none.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+0-9.eE]+|NaN|[+-]Inf)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
