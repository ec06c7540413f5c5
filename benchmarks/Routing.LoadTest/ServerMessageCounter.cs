using System.Globalization;

namespace Routing.LoadTest;

/// <summary>
/// Counts the messages a server sent to grains (calls, answers to grains and one-way messages; to its own activations
/// and to other silos) by reading Orleans' messaging counters from the server's Prometheus endpoint: what one
/// interaction asks of the cluster, without a probe in the server. Messages to the edge itself (answers to its calls,
/// notifications to its observers) are delivered apart and not counted. Null when the server serves no metrics
/// (<c>--telemetry off</c>). With <c>--telemetry calls</c> it also reads the server's count of grain calls by method.
/// </summary>
internal sealed class ServerMessageCounter(int metricsPort) : IDisposable
{
    /// <summary>Orleans' counters of messages sent, as the Prometheus exporter names them: to grains of the same silo,
    /// and to other silos (the count of the sent-size histogram).</summary>
    private static readonly string[] SentCounters = ["orleans_messaging_sent_local_total", "orleans_messaging_sent_messages_size_bytes_count"];

    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The grain calls the server counts by interface and method when it runs with <c>Telemetry:GrainCalls=true</c>
    /// (<c>--telemetry calls</c>), as the Prometheus exporter names them.</summary>
    private const string GrainCallsCounter = "routing_grain_calls_total";

    /// <summary>Messages sent so far (null when the endpoint does not answer or has no such counter), and the grain calls
    /// received so far by "interface.method" (empty unless the server counts them).</summary>
    public async Task<ServerCounts> ReadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await _http.GetStringAsync("/metrics", cancellationToken);
        }
        catch (HttpRequestException)
        {
            return ServerCounts.None;
        }
        long? sent = null;
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            foreach (var name in SentCounters)
            {
                if (IsSampleOf(line, name))
                {
                    sent = (sent ?? 0) + ValueOf(line[name.Length..]);
                }
            }
            if (IsSampleOf(line, GrainCallsCounter))
            {
                var key = $"{ShortName(Label(line, "routing_grain_interface"))}.{Label(line, "routing_grain_method")}";
                calls[key] = calls.GetValueOrDefault(key) + ValueOf(line[GrainCallsCounter.Length..]);
            }
        }
        return new ServerCounts(sent, calls);
    }

    private static bool IsSampleOf(ReadOnlySpan<char> line, string name) =>
        line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{';

    /// <summary>A label's value in a sample line; empty when it has none.</summary>
    private static string Label(ReadOnlySpan<char> line, string label)
    {
        var start = line.IndexOf($"{label}=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }
        var value = line[(start + label.Length + 2)..];
        return value[..value.IndexOf('"')].ToString();
    }

    /// <summary>"Routing.Abstractions.IInteractionGrain" → "IInteractionGrain".</summary>
    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];

    /// <summary>The sample's value from what follows its name: optional <c>{labels}</c>, the value, an optional timestamp.</summary>
    private static long ValueOf(ReadOnlySpan<char> rest)
    {
        if (rest[0] == '{')
        {
            rest = rest[(rest.IndexOf('}') + 1)..];
        }
        rest = rest.TrimStart(' ');
        var end = rest.IndexOf(' ');
        return (long)double.Parse(end < 0 ? rest : rest[..end], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();
}
