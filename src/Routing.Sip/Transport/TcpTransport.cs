using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Routing.Sip.Parsing;

namespace Routing.Sip.Transport;

/// <summary>SIP over TCP, or over TLS when given a certificate (RFC 3261 §18, §26.2.1): an accept loop that enforces
/// the connection limits (in total and per address) before any byte is read, and one <see cref="StreamConnection"/>
/// per peer. Responses go back on the connection the request came in on (§18.2.2).</summary>
public sealed class TcpTransport : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;
    private readonly X509Certificate2? _trusted;
    private readonly SipTransportOptions _options;
    private readonly SipParserOptions _parserOptions;
    private readonly SipInbound _inbound;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly Dictionary<IPEndPoint, Task<ISipFlow>> _outbound = [];
    private int _open;
    private Task _accepting = Task.CompletedTask;

    internal TcpTransport(IPEndPoint endPoint, X509Certificate2? certificate, SipTransportOptions options, SipParserOptions parserOptions,
        SipInbound inbound, ILogger logger)
    {
        _certificate = certificate;
        _trusted = certificate is not null && !string.IsNullOrWhiteSpace(options.TlsTrustedCertificatePath)
            ? X509CertificateLoader.LoadCertificateFromFile(options.TlsTrustedCertificatePath)
            : null;
        _options = options;
        _parserOptions = parserOptions;
        _inbound = inbound;
        _logger = logger;
        _listener = new TcpListener(endPoint);
        _listener.Start(backlog: 512);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    public SipTransportKind Kind => _certificate is null ? SipTransportKind.Tcp : SipTransportKind.Tls;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections open or in their TLS handshake.</summary>
    public int ConnectionCount => Volatile.Read(ref _open);

    internal void Start()
    {
        SipTransportLog.Listening(_logger, Kind, LocalEndPoint);
        _accepting = Task.Run(AcceptLoop);
    }

    /// <summary>The connection to <paramref name="remote"/> this element opened for its own requests, or a new one: one
    /// connection per remote end point, reused while it is open, so responses and later requests share it (§18.1.1).
    /// Throws <see cref="SocketException"/> when the connection cannot be made within the connect timeout or the
    /// connection limit is reached.</summary>
    /// <paramref name="serverName"/> is the host a TLS server's certificate must name (the target URI's host).
    public Task<ISipFlow> GetOrConnectAsync(IPEndPoint remote, CancellationToken cancellation, string? serverName = null)
    {
        Task<ISipFlow> connecting;
        lock (_outbound)
        {
            if (_outbound.TryGetValue(remote, out var existing) && IsUsable(existing))
            {
                return existing.WaitAsync(cancellation);
            }
            // One attempt serves every request waiting for it, so it runs on its own timeout, not on one caller's token.
            connecting = ConnectAsync(remote, serverName ?? remote.Address.ToString());
            _outbound[remote] = connecting;
        }
        return connecting.WaitAsync(cancellation);
    }

    private static bool IsUsable(Task<ISipFlow> connection) =>
        !connection.IsCompleted || (connection.IsCompletedSuccessfully && !((StreamConnection)connection.Result).IsClosed);

    private async Task<ISipFlow> ConnectAsync(IPEndPoint remote, string serverName)
    {
        if (ConnectionCount >= _options.MaxConnections)
        {
            throw new SocketException((int)SocketError.TooManyOpenSockets, $"{ConnectionCount} connections are open, the most allowed");
        }
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        Stream stream;
        try
        {
            await socket.ConnectAsync(remote, timeout.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (_certificate is not null)
            {
                stream = await OutgoingTls.AuthenticateAsync(stream, serverName, _certificate, _trusted, timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            throw new SocketException((int)SocketError.TimedOut, $"No connection to {remote} within {_options.ConnectTimeout}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new StreamConnection(stream, remote, Kind, _options, _parserOptions, _inbound, _logger);
        Track(remote, async () =>
        {
            try
            {
                await connection.RunAsync(_stopping.Token);
            }
            finally
            {
                lock (_outbound)
                {
                    if (_outbound.TryGetValue(remote, out var current) && current.IsCompletedSuccessfully && current.Result == connection)
                    {
                        _outbound.Remove(remote);
                    }
                }
            }
        });
        return connection;
    }

    private async Task AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var fromAddress = _perAddress.GetValueOrDefault(remote.Address);
            if (ConnectionCount >= _options.MaxConnections || fromAddress >= _options.MaxConnectionsPerAddress)
            {
                SipTransportLog.ConnectionRefused(_logger, remote, ConnectionCount, fromAddress);
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            Track(remote, () => ServeAsync(socket, remote));
        }
    }

    private async Task ServeAsync(Socket socket, IPEndPoint remote)
    {
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (_certificate is not null)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            handshake.CancelAfter(_options.TlsHandshakeTimeout);
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, handshake.Token);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                SipTransportLog.HandshakeFailed(_logger, remote, exception.Message);
                await tls.DisposeAsync();
                return;
            }
            stream = tls;
        }
        await new StreamConnection(stream, remote, Kind, _options, _parserOptions, _inbound, _logger).RunAsync(_stopping.Token);
    }

    /// <summary>Counts the connection from the moment it is accepted (TLS handshakes included) until it ends.</summary>
    private void Track(IPEndPoint remote, Func<Task> serve)
    {
        Interlocked.Increment(ref _open);
        _perAddress.AddOrUpdate(remote.Address, 1, static (_, count) => count + 1);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[done.Task] = 0;
        _ = Task.Run(async () =>
        {
            try
            {
                await serve();
            }
            catch (Exception exception)
            {
                SipTransportLog.ProcessingFailed(_logger, Kind, remote, exception);
            }
            finally
            {
                _perAddress.AddOrUpdate(remote.Address, 0, static (_, count) => count - 1);
                _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(remote.Address, 0));
                Interlocked.Decrement(ref _open);
                _running.TryRemove(done.Task, out _);
                done.SetResult();
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_running.Keys);
        _stopping.Dispose();
    }
}
