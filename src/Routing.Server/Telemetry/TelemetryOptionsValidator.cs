using System.Net;
using Microsoft.Extensions.Options;

namespace Routing.Server.Telemetry;

/// <summary>Stops start-up with every problem of <see cref="TelemetryOptions"/> at once, including a scrape port that is
/// also one of the edge's (<paramref name="configuration"/>'s Kestrel endpoints).</summary>
public sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    private const string Section = TelemetryOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            problems.Add($"{Section}:ServiceName cannot be empty");
        }
        CheckPrometheus(options.Prometheus, problems);
        CheckOtlp(options.Otlp, problems);
        if (options.Tracing.SampleRatio is < 0 or > 1 || double.IsNaN(options.Tracing.SampleRatio))
        {
            problems.Add($"{Section}:Tracing:SampleRatio must be between 0 and 1, not {options.Tracing.SampleRatio}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void CheckPrometheus(PrometheusOptions prometheus, List<string> problems)
    {
        if (prometheus.Port is < 1 or > IPEndPoint.MaxPort)
        {
            problems.Add($"{Section}:Prometheus:Port must be a port number (1–65535), not {prometheus.Port}");
        }
        else if (prometheus.Enabled && TelemetryEndpoints.EdgePorts(configuration).Contains(prometheus.Port))
        {
            problems.Add($"{Section}:Prometheus:Port {prometheus.Port} is also an edge port (Kestrel:Endpoints): metrics are served off the gRPC port, choose another");
        }
        if (prometheus.Address is { } address && !IPAddress.TryParse(address, out _))
        {
            problems.Add($"{Section}:Prometheus:Address must be an IP address, not '{address}'");
        }
        if (string.IsNullOrWhiteSpace(prometheus.Path) || !prometheus.Path.StartsWith('/'))
        {
            problems.Add($"{Section}:Prometheus:Path must start with '/', not '{prometheus.Path}'");
        }
    }

    private static void CheckOtlp(OtlpOptions otlp, List<string> problems)
    {
        if (otlp.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            problems.Add($"{Section}:Otlp:Endpoint must be an http:// or https:// address, not '{endpoint}'");
        }
        if (!string.Equals(otlp.Protocol, OtlpOptions.Grpc, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(otlp.Protocol, OtlpOptions.HttpProtobuf, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{Section}:Otlp:Protocol must be {OtlpOptions.Grpc} or {OtlpOptions.HttpProtobuf}, not '{otlp.Protocol}'");
        }
        if (otlp.MetricsInterval < TimeSpan.FromSeconds(1) || otlp.MetricsInterval > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{Section}:Otlp:MetricsInterval must be between 00:00:01 and 00:10:00 (is {otlp.MetricsInterval})");
        }
    }
}
