using System.Net;
using System.Net.Sockets;

namespace Routing.Testing;

/// <summary>Loopback ports for servers, Redis and Azurite started by the tests and the load test (a source file
/// linked into each project that needs it).</summary>
internal static class LoopbackPorts
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
