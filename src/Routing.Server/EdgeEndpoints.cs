using System.Net;
using Microsoft.AspNetCore.Http;

namespace Routing.Server;

/// <summary>Where the edge listens, read from configuration as Kestrel reads it: <c>Kestrel:Endpoints:*:Url</c>, else <c>urls</c>.</summary>
internal static class EdgeEndpoints
{
    /// <summary>Each configured edge URL and the setting that gives it.</summary>
    public static List<(string Setting, string Url)> Urls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoints = new List<(string Setting, string Url)>();
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url && !string.IsNullOrWhiteSpace(url))
            {
                endpoints.Add(($"Kestrel:Endpoints:{endpoint.Key}:Url", url));
            }
        }
        if (endpoints.Count == 0 && configuration["urls"] is { } urls)
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                endpoints.Add(("urls", url));
            }
        }
        return endpoints;
    }

    /// <summary>Where Kestrel binds <paramref name="url"/>: its IP, loopback for <c>localhost</c>, every address for a
    /// host name or <c>*</c>; with the parsed address. Null for what Kestrel picks itself (port 0), what is not a TCP
    /// port (pipes), and what does not parse (Kestrel reports that itself).</summary>
    public static (IPEndPoint Endpoint, BindingAddress Binding)? Bound(string url)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return null;
        }
        if (binding.IsUnixPipe || binding.IsNamedPipe || binding.Port <= 0)
        {
            return null;
        }
        var address = string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(binding.Host, out var ip) ? ip
            : IPAddress.Any;
        return (new IPEndPoint(address, binding.Port), binding);
    }
}
