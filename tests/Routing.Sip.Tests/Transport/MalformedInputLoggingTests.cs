using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Routing.Sip.Core;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>Bad input costs at most one log line, whether it is answered or dropped.</summary>
public sealed class MalformedInputLoggingTests : IAsyncDisposable
{
    private readonly CountingLoggerProvider _logs = new();
    private readonly SipServer _server;
    private readonly UdpClient _client = new(new IPEndPoint(IPAddress.Loopback, 0));

    public MalformedInputLoggingTests()
    {
        var loggers = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Information));
        var options = new SipTransportOptions { ListenAddress = "127.0.0.1", UdpPort = 0, TcpEnabled = false };
        _server = SipServer.Start(options, new SipParserOptions(), new SipTransactionOptions(), new SipCoreOptions(), [], TimeProvider.System, loggers);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("badinv01", true)]
    [InlineData("scalarlg", false)]
    [InlineData("bigcode", false)]
    public async Task MalformedDatagram_LogsExactlyOneLine(string name, bool answered)
    {
        var bytes = Rfc4475.TortureMessages.Load(name);
        var port = ((IPEndPoint)_client.Client.LocalEndPoint!).Port;
        // Send the answer (if any) here: the message's own Via names a host of the RFC's examples.
        var text = System.Text.Encoding.UTF8.GetString(bytes).Replace("192.0.2.15;", $"127.0.0.1:{port};", StringComparison.Ordinal);

        await _client.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), _server.Udp!.LocalEndPoint, LoopbackSipServer.Deadline());
        var entry = await _logs.Next.WaitAsync(LoopbackSipServer.Deadline());

        Assert.Contains(answered ? "answered 400" : "dropped", entry, StringComparison.Ordinal);
        if (answered)
        {
            var response = await _client.ReceiveAsync(LoopbackSipServer.Deadline());
            Assert.StartsWith("SIP/2.0 400", System.Text.Encoding.UTF8.GetString(response.Buffer), StringComparison.Ordinal);
        }
        // An OPTIONS afterwards is answered, and the malformed message left no further line behind.
        await _client.SendAsync(SipText.Options(sentBy: $"127.0.0.1:{port}", callId: name + "@after"), _server.Udp.LocalEndPoint, LoopbackSipServer.Deadline());
        await _client.ReceiveAsync(LoopbackSipServer.Deadline());
        Assert.Equal(1, _logs.Count);
    }

    [Fact]
    public async Task KeepAliveDatagrams_AreIgnoredWithoutALogLine()
    {
        var port = ((IPEndPoint)_client.Client.LocalEndPoint!).Port;

        await _client.SendAsync("\r\n\r\n"u8.ToArray(), _server.Udp!.LocalEndPoint, LoopbackSipServer.Deadline());
        await _client.SendAsync(new byte[4], _server.Udp.LocalEndPoint, LoopbackSipServer.Deadline());
        await _client.SendAsync(SipText.Options(sentBy: $"127.0.0.1:{port}", callId: "after-keepalive@client"), _server.Udp.LocalEndPoint, LoopbackSipServer.Deadline());
        var response = await _client.ReceiveAsync(LoopbackSipServer.Deadline());

        Assert.StartsWith("SIP/2.0 200", System.Text.Encoding.UTF8.GetString(response.Buffer), StringComparison.Ordinal);
        Assert.Equal(0, _logs.Count);
    }

    /// <summary>Counts Information-and-above log entries and hands out the first.</summary>
    private sealed class CountingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task<string> Next => _first.Task;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || eventId.Name == "Listening")
            {
                return;
            }
            Interlocked.Increment(ref _count);
            _first.TrySetResult(formatter(state, exception));
        }
    }
}
