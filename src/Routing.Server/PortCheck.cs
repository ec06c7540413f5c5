using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Orleans.Configuration;
using Routing.Server.Cluster;

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

    /// <summary>The edge's endpoints (<c>Kestrel:Endpoints:*:Url</c>, else <c>urls</c>) and the silo's two ports.</summary>
    private static IEnumerable<PlannedPort> Planned(IConfiguration configuration, LocalSiloOptions silo, EndpointOptions siloEndpoints)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => (Setting: $"Kestrel:Endpoints:{e.Key}:Url", Url: e["Url"]))
            .Where(e => !string.IsNullOrWhiteSpace(e.Url))
            .ToList();
        if (endpoints.Count == 0 && configuration["urls"] is { } urls)
        {
            endpoints.AddRange(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => (Setting: "urls", Url: (string?)u)));
        }
        foreach (var (setting, url) in endpoints)
        {
            if (EdgePort(setting, url!) is { } port)
            {
                yield return port;
            }
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

    /// <summary>Where Kestrel binds <paramref name="url"/>: its IP, loopback for <c>localhost</c>, every address for a
    /// host name or <c>*</c>. Null for what Kestrel picks itself (port 0) or does not bind to a TCP port (pipes).</summary>
    private static PlannedPort? EdgePort(string setting, string url)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            // Kestrel reports a malformed address itself.
            return null;
        }
        if (binding.IsUnixPipe || binding.IsNamedPipe || binding.Port <= 0)
        {
            return null;
        }
        var address = string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(binding.Host, out var ip) ? ip
            : IPAddress.Any;
        return new PlannedPort(new IPEndPoint(address, binding.Port), setting, url,
            port => $"{binding.Scheme}://{binding.Host}:{port}{binding.PathBase}");
    }

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
