using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of one server, so a test can break the network between a client and
/// that server as a failing link would: <see cref="Cut"/> resets every relayed connection and, when asked,
/// refuses new ones until <see cref="Restore"/>.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly ConcurrentDictionary<Socket, Socket> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _refusing;

    public LoopbackProxy(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect instead of the server.</summary>
    public Uri Address { get; }

    /// <summary>Connections being relayed now.</summary>
    public int OpenConnections => _links.Count;

    /// <summary>Resets every relayed connection; with <paramref name="refuseNew"/>, new ones are reset too.</summary>
    public void Cut(bool refuseNew)
    {
        _refusing = refuseNew;
        foreach (var (client, server) in _links)
        {
            Reset(client);
            Reset(server);
        }
        _links.Clear();
    }

    /// <summary>Relays new connections again.</summary>
    public void Restore() => _refusing = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut(refuseNew: true);
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            if (_refusing)
            {
                Reset(client);
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            _links[client] = server;
            using var clientStream = new NetworkStream(client, ownsSocket: false);
            using var serverStream = new NetworkStream(server, ownsSocket: false);
            await Task.WhenAny(clientStream.CopyToAsync(serverStream, _stop.Token), serverStream.CopyToAsync(clientStream, _stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The link was cut or a side went away.
        }
        finally
        {
            _links.TryRemove(client, out _);
            Reset(client);
            Reset(server);
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
