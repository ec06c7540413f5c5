using System.Net;
using System.Net.Sockets;

namespace Routing.Testing;

/// <summary>Loopback ports for servers, Redis and Azurite started by the tests and the load test (a source file
/// linked into each project that needs it).</summary>
internal static class LoopbackPorts
{
    /// <summary>Ports this process was already given: the system may hand a port it just freed out again, and two
    /// settings of one server (its edge and its metrics) then collide before either is bound.</summary>
    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback port nobody listens on right now, and not given before to this process.</summary>
    public static int Free()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
