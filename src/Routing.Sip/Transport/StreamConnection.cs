using System.Buffers;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Routing.Sip.Parsing;

namespace Routing.Sip.Transport;

/// <summary>One TCP or TLS connection: a read loop that frames messages by Content-Length in a buffer that grows only
/// up to the message size limit, and a write loop fed by a bounded queue. A message whose framing is unknowable gets
/// its 400 when one can be formed, and the connection is closed, since nothing after it can be trusted.</summary>
internal sealed class StreamConnection : ISipFlow
{
    private const int InitialBuffer = 4096;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private static readonly ReadOnlyMemory<byte> Pong = "\r\n"u8.ToArray();

    private readonly Stream _stream;
    private readonly SipTransportOptions _options;
    private readonly SipParserOptions _parserOptions;
    private readonly SipInbound _inbound;
    private readonly ILogger _logger;
    private readonly Channel<ReadOnlyMemory<byte>> _outgoing;
    private readonly CancellationTokenSource _closing = new();
    private bool _closed;

    public StreamConnection(Stream stream, IPEndPoint remote, SipTransportKind transport, SipTransportOptions options,
        SipParserOptions parserOptions, SipInbound inbound, ILogger logger)
    {
        _stream = stream;
        RemoteEndPoint = remote;
        Transport = transport;
        _options = options;
        _parserOptions = parserOptions;
        _inbound = inbound;
        _logger = logger;
        _outgoing = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(options.SendQueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public SipTransportKind Transport { get; }

    public bool IsReliable => true;

    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>True once the connection is closing: a new request needs a new connection.</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    public void Send(ReadOnlyMemory<byte> message)
    {
        if (_outgoing.Writer.TryWrite(message))
        {
            return;
        }
        if (Volatile.Read(ref _closed))
        {
            // A late answer (the TU answering after the peer left): there is no connection to send it on.
            SipTransportLog.SendFailed(_logger, Transport, RemoteEndPoint, "connection closed");
            return;
        }
        SipTransportLog.SendQueueFull(_logger, RemoteEndPoint, _options.SendQueueLength);
        Close();
    }

    public void Close()
    {
        Volatile.Write(ref _closed, true);
        _outgoing.Writer.TryComplete();
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Runs until the peer closes, the connection idles out, a framing error, or <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        var writing = WriteLoop(stopping);
        try
        {
            await ReadLoop(reading.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            // What is queued (the 400 for the message that ended the stream) may still go out, briefly.
            Volatile.Write(ref _closed, true);
            _outgoing.Writer.TryComplete();
            await Task.WhenAny(writing, Task.Delay(DrainTimeout, CancellationToken.None));
            await _stream.DisposeAsync();
            await writing;
            _closing.Dispose();
        }
    }

    private async Task ReadLoop(CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var filled = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, filled);
                }
                idle.CancelAfter(_options.IdleTimeout);
                var read = await _stream.ReadAsync(buffer.AsMemory(filled), idle.Token);
                if (read == 0)
                {
                    return;
                }
                filled += read;
                var consumed = ConsumeMessages(buffer.AsSpan(0, filled));
                if (consumed < 0)
                {
                    return;
                }
                if (consumed > 0)
                {
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hands on every complete message and answers keep-alive pings; returns the bytes consumed, or -1 when
    /// the stream must be closed.</summary>
    private int ConsumeMessages(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        while (true)
        {
            var status = StreamFramer.TryFrame(data[consumed..], _parserOptions.MaxMessageSize, out var skip, out var length, out var headerLength);
            // RFC 5626 §3.5.1: each double CRLF between messages is a ping, answered with one CRLF (a pong). A lone
            // CRLF at the end stays in the buffer: the rest of its ping may be in the next read.
            var pings = skip / 4;
            for (var i = 0; i < pings; i++)
            {
                Send(Pong);
            }
            switch (status)
            {
                case FrameStatus.Complete:
                    _inbound.Receive(data.Slice(consumed + skip, length), SipFraming.Stream, this);
                    consumed += skip + length;
                    break;
                case FrameStatus.Invalid:
                    RefuseFraming(data[(consumed + skip)..], headerLength);
                    return -1;
                default:
                    return consumed + (pings * 4);
            }
        }
    }

    /// <summary>Parses the header section alone to learn what is wrong and whether an answer can go back: 400 for a
    /// missing or malformed Content-Length, 513 when the message would be larger than allowed.</summary>
    private void RefuseFraming(ReadOnlySpan<byte> message, int headerLength)
    {
        if (headerLength == 0)
        {
            _inbound.Refuse(new SipParseError(Messages.SipStatus.MessageTooLarge, "Header section too large", null), this);
            return;
        }
        var result = new SipParser(_parserOptions).Parse(message[..headerLength], SipFraming.Stream);
        var error = result.Error is { Reason: not "Content-Length is larger than the body" } framing
            ? framing
            : new SipParseError(Messages.SipStatus.MessageTooLarge, "Message too large", result.Error?.ResponseHeaders);
        _inbound.Refuse(error, this);
    }

    private byte[] Grow(byte[] buffer, int filled)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _parserOptions.MaxMessageSize + 4));
        buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private async Task WriteLoop(CancellationToken cancellation)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellation))
            {
                await _stream.WriteAsync(message, cancellation);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            SipTransportLog.SendFailed(_logger, Transport, RemoteEndPoint, exception.Message);
        }
        finally
        {
            Close();
        }
    }
}
