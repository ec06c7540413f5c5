using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Routing.Server.Cluster;
using Routing.Server.Telemetry;

namespace Routing.Server;

/// <summary>
/// Checks, before the silo starts, that every port the server is about to listen on is free, and names the
/// setting that moves each busy one. The silo listens with SO_REUSEPORT, so a second server on the same silo
/// ports would not fail there: it would share them with the first and fail only later, at the edge's port.
/// </summary>
internal static class PortCheck
{
    /// <summary>How far above a busy port a free one is looked for, for the suggestion.</summary>
    private const int SuggestionRange = 100;

    /// <summary>Throws a <see cref="StartupCheckException"/> naming every busy port and its setting.</summary>
    public static void ThrowIfBusy(IConfiguration configuration, LocalSiloOptions silo, EndpointOptions siloEndpoints)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(siloEndpoints);
        var busy = new List<(PlannedPort Port, SocketException Error)>();
        foreach (var port in Planned(configuration, silo, siloEndpoints))
        {
            if (Probe(port.Endpoint) is { } error)
            {
                busy.Add((port, error));
            }
        }
        if (busy.Count == 0)
        {
            return;
        }
        var taken = new HashSet<int>(busy.Select(b => b.Port.Endpoint.Port));
        var named = string.Join(", ", busy.Select(b => $"{b.Port.Endpoint.Port} ({b.Port.Setting}{(b.Port.Value is { } value ? $" {value}" : "")})"));
        var suggested = string.Join(" ", busy.Select(b => $"--{b.Port.Setting}={b.Port.WithPort(FreePortAbove(b.Port.Endpoint, taken))}"));
        var ports = busy.Count == 1 ? "port" : "ports";
        throw new StartupCheckException(
            $"{ports} already in use (is another routing server running?): {named}; start this one on free ports, e.g. {suggested}", busy[0].Error);
    }

    /// <summary>The edge's endpoints (<c>Kestrel:Endpoints:*:Url</c>, else <c>urls</c>), the Prometheus scrape port and the silo's two ports.</summary>
    private static IEnumerable<PlannedPort> Planned(IConfiguration configuration, LocalSiloOptions silo, EndpointOptions siloEndpoints)
    {
        foreach (var (setting, url) in EdgeEndpoints.Urls(configuration))
        {
            if (EdgePort(setting, url) is { } port)
            {
                yield return port;
            }
        }
        if (TelemetryEndpoints.ScrapeEndpoint(configuration) is { } scrape)
        {
            yield return new PlannedPort(scrape, $"{TelemetryOptions.SectionName}:Prometheus:Port", Value: null, port => $"{port}");
        }

        var address = siloEndpoints.AdvertisedIPAddress ?? IPAddress.Any;
        yield return SiloPort($"{LocalSiloOptions.SectionName}:{nameof(LocalSiloOptions.SiloPort)}", siloEndpoints.SiloListeningEndpoint ?? new IPEndPoint(address, silo.SiloPort));
        if (silo.GatewayPort > 0)
        {
            yield return SiloPort($"{LocalSiloOptions.SectionName}:{nameof(LocalSiloOptions.GatewayPort)}", siloEndpoints.GatewayListeningEndpoint ?? new IPEndPoint(address, silo.GatewayPort));
        }
    }

    private static PlannedPort SiloPort(string setting, IPEndPoint endpoint) =>
        new(endpoint, setting, Value: null, port => $"{port}");

    /// <summary>The edge port <paramref name="url"/> binds, null for what Kestrel picks or reports itself.</summary>
    private static PlannedPort? EdgePort(string setting, string url) =>
        EdgeEndpoints.Bound(url) is { } bound
            ? new PlannedPort(bound.Endpoint, setting, url, port => $"{bound.Binding.Scheme}://{bound.Binding.Host}:{port}{bound.Binding.PathBase}")
            : null;

    /// <summary>The error of listening on <paramref name="endpoint"/> when another socket holds it; null when it is
    /// free, and for any other error, which the real listener reports with its own message.</summary>
    private static SocketException? Probe(IPEndPoint endpoint)
    {
        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(endpoint);
            socket.Listen();
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return e;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static int FreePortAbove(IPEndPoint busy, HashSet<int> taken)
    {
        for (var port = busy.Port + 1; port <= Math.Min(busy.Port + SuggestionRange, IPEndPoint.MaxPort); port++)
        {
            if (taken.Add(port) && Probe(new IPEndPoint(busy.Address, port)) is null)
            {
                return port;
            }
        }
        return 0;
    }

    /// <summary>A port the server will listen on, the setting that chooses it, its value when more than the port
    /// (an edge URL), and that value with another port.</summary>
    private sealed record PlannedPort(IPEndPoint Endpoint, string Setting, string? Value, Func<int, string> WithPort);
}
