using System.Text;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>The stack over real TCP connections on 127.0.0.1: framing by Content-Length, limits, and refusals.</summary>
public sealed class TcpTransportTests : IAsyncDisposable
{
    private readonly SipServer _server = LoopbackSipServer.Start(
        o => o.MaxConnectionsPerAddress = 3, new SipParserOptions { MaxMessageSize = 4096 });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static byte[] TcpOptions(string branch) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SipText.Options(branch: branch, callId: branch + "@client")).Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal));

    [Fact]
    public async Task PipelinedAndSplitMessages_AreEachAnswered()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tcp!.LocalEndPoint);
        var two = TcpOptions("z9hG4bK-tcp-1").Concat(TcpOptions("z9hG4bK-tcp-2")).ToArray();
        var third = TcpOptions("z9hG4bK-tcp-3");

        await client.SendAsync(Encoding.ASCII.GetBytes("\r\n\r\n"));
        await client.SendAsync(two);
        await client.SendAsync(third[..40]);
        await client.SendAsync(third[40..]);

        var branches = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.ReceiveAsync();
            Assert.Equal(200, response!.StatusCode);
            branches.Add(response.TopVia!.Branch);
        }
        Assert.Equal(["z9hG4bK-tcp-1", "z9hG4bK-tcp-2", "z9hG4bK-tcp-3"], branches);
    }

    [Fact]
    public async Task MissingContentLength_Gets400_AndTheConnectionCloses()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tcp!.LocalEndPoint);
        var request = Encoding.UTF8.GetString(TcpOptions("z9hG4bK-nocl")).Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);

        await client.SendAsync(Encoding.UTF8.GetBytes(request));

        var response = await client.ReceiveAsync();
        Assert.Equal(400, response!.StatusCode);
        Assert.Equal("Content-Length is required on a stream transport", response.ReasonPhrase);
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task MessageOverTheSizeLimit_Gets513_AndTheConnectionCloses()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tcp!.LocalEndPoint);
        var request = Encoding.UTF8.GetString(TcpOptions("z9hG4bK-big")).Replace("Content-Length: 0", "Content-Length: 10000", StringComparison.Ordinal);

        await client.SendAsync(Encoding.UTF8.GetBytes(request));

        Assert.Equal(513, (await client.ReceiveAsync())!.StatusCode);
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task EndlessHeaders_AreCutOffAtTheSizeLimit()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tcp!.LocalEndPoint);

        await client.SendAsync(Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\n" + new string('X', 8000)));

        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task ConnectionsBeyondThePerAddressLimit_AreClosedAtOnce()
    {
        var clients = new List<StreamSipClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                clients.Add(await StreamSipClient.ConnectAsync(_server.Tcp!.LocalEndPoint));
            }
            await using var refused = await StreamSipClient.ConnectAsync(_server.Tcp!.LocalEndPoint);

            Assert.Null(await refused.ReceiveAsync());
            await clients[0].SendAsync(TcpOptions("z9hG4bK-still-served"));
            Assert.Equal(200, (await clients[0].ReceiveAsync())!.StatusCode);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Responses_AreStampedWithTheSourceAddress()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tcp!.LocalEndPoint);

        await client.SendAsync(TcpOptions("z9hG4bK-received"));

        var response = await client.ReceiveAsync();
        Assert.Equal("127.0.0.1", response!.TopVia!.Received);
        Assert.Equal(SipMessage.Version, response.ToString()[..7]);
    }

    [Fact]
    public async Task ClientTransaction_OverAnOutgoingConnection_GetsItsResponseOnIt_AndTheConnectionIsReused()
    {
        await using var other = LoopbackSipServer.Start();
        var flow = await _server.Tcp!.GetOrConnectAsync(other.Tcp!.LocalEndPoint, LoopbackSipServer.Deadline());
        var options = LoopbackSipServer.OutgoingOptions("TCP", _server.Tcp.LocalEndPoint, other.Tcp.LocalEndPoint);

        var transaction = _server.Transactions.SendRequest(options, flow);
        var response = await transaction.FinalResponse.WaitAsync(LoopbackSipServer.Deadline());

        Assert.Equal(200, response.StatusCode);
        Assert.True(flow.IsReliable);
        Assert.Equal(Routing.Sip.Transactions.TransactionState.Terminated, transaction.State);
        Assert.Same(flow, await _server.Tcp.GetOrConnectAsync(other.Tcp.LocalEndPoint, LoopbackSipServer.Deadline()));
        Assert.Equal(1, other.Tcp.ConnectionCount);
    }

    [Fact]
    public async Task DoubleCrLfPing_GetsACrLfPong_AndALoneCrLfWaitsForItsPair()
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_server.Tcp!.LocalEndPoint, LoopbackSipServer.Deadline());
        var stream = tcp.GetStream();
        var pong = new byte[8];

        await stream.WriteAsync("\r\n"u8.ToArray(), LoopbackSipServer.Deadline());
        await stream.WriteAsync("\r\n"u8.ToArray(), LoopbackSipServer.Deadline());
        await stream.ReadExactlyAsync(pong.AsMemory(0, 2), LoopbackSipServer.Deadline());
        await stream.WriteAsync("\r\n\r\n\r\n\r\n"u8.ToArray(), LoopbackSipServer.Deadline());
        await stream.ReadExactlyAsync(pong.AsMemory(2, 4), LoopbackSipServer.Deadline());

        Assert.Equal("\r\n\r\n\r\n", Encoding.ASCII.GetString(pong, 0, 6));
    }
}
