using System.Net;
using System.Net.Sockets;

namespace Routing.Cluster.Tests.Infrastructure;

internal static class Ports
{
    /// <summary>Polls until something accepts TCP connections on <paramref name="port"/>, up to <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitListeningAsync(int port, TimeSpan timeout, Func<bool> gaveUp, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !gaveUp())
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        return false;
    }
}
