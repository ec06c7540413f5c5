using System.Net;

namespace Routing.Server.Telemetry;

/// <summary>Where the Prometheus scrape endpoint listens, from configuration (read before the host is built).</summary>
internal static class TelemetryEndpoints
{
    /// <summary>The ports the edge's configured endpoints bind.</summary>
    public static HashSet<int> EdgePorts(IConfiguration configuration)
    {
        var ports = new HashSet<int>();
        foreach (var (_, url) in EdgeEndpoints.Urls(configuration))
        {
            if (EdgeEndpoints.Bound(url) is { } bound)
            {
                ports.Add(bound.Endpoint.Port);
            }
        }
        return ports;
    }

    /// <summary>The scrape endpoint when it is served and its settings are usable; null otherwise (start-up validation
    /// then names what is wrong).</summary>
    public static IPEndPoint? ScrapeEndpoint(IConfiguration configuration)
    {
        var options = TelemetryOptions.From(configuration);
        var prometheus = options.Prometheus;
        if (!options.PrometheusServed || prometheus.Port is < 1 or > IPEndPoint.MaxPort || EdgePorts(configuration).Contains(prometheus.Port))
        {
            return null;
        }
        if (prometheus.Address is { } address)
        {
            return IPAddress.TryParse(address, out var ip) ? new IPEndPoint(ip, prometheus.Port) : null;
        }
        // The edge's address: loopback by default, every address where the edge is exposed on every address.
        foreach (var (_, url) in EdgeEndpoints.Urls(configuration))
        {
            if (EdgeEndpoints.Bound(url) is { } bound)
            {
                return new IPEndPoint(bound.Endpoint.Address, prometheus.Port);
            }
        }
        return new IPEndPoint(IPAddress.Loopback, prometheus.Port);
    }
}
