using System.Net;
using System.Net.Sockets;
using System.Text;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Tests.Rfc4475;
using Routing.Sip.Transactions;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>The stack over real UDP sockets on 127.0.0.1.</summary>
public sealed class UdpTransportTests : IAsyncDisposable
{
    private readonly SipServer _server = LoopbackSipServer.Start();
    private readonly UdpClient _client = new(new IPEndPoint(IPAddress.Loopback, 0));

    private int ClientPort => ((IPEndPoint)_client.Client.LocalEndPoint!).Port;

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<SipResponse> SendAndReceive(byte[] datagram)
    {
        await _client.SendAsync(datagram, _server.Udp!.LocalEndPoint, LoopbackSipServer.Deadline());
        var received = await _client.ReceiveAsync(LoopbackSipServer.Deadline());
        var parsed = new SipParser().Parse(received.Buffer, SipFraming.Datagram);
        Assert.True(parsed.IsSuccess, parsed.ToString());
        return Assert.IsType<SipResponse>(parsed.Message);
    }

    private byte[] OptionsFromClient(string branch = "z9hG4bK-udp-1") =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SipText.Options(branch: branch, callId: branch + "@client"))
            .Replace("client.example.com:5070", $"127.0.0.1:{ClientPort}", StringComparison.Ordinal));

    [Fact]
    public async Task Options_Gets200_AtTheViaPort()
    {
        var response = await SendAndReceive(OptionsFromClient());

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("OPTIONS", response.Headers.Values(HeaderNames.Allow));
    }

    [Fact]
    public async Task Rport_IsFilledWithTheSourcePort_AndTheAnswerGoesThere()
    {
        var request = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SipText.Options(callId: "rport@client"))
            .Replace("client.example.com:5070;branch=z9hG4bK-options-1", "nat.example.com:5999;rport;branch=z9hG4bK-rport", StringComparison.Ordinal));

        var response = await SendAndReceive(request);

        Assert.Equal(ClientPort, response.TopVia!.Rport);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
    }

    [Fact]
    public async Task MalformedRequestWithReadableVia_Gets400WithTheReason()
    {
        var request = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(OptionsFromClient()).Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal));

        var response = await SendAndReceive(request);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("CSeq method does not match the request method", response.ReasonPhrase);
        Assert.Equal("z9hG4bK-udp-1", response.TopVia!.Branch);
    }

    [Fact]
    public async Task EveryRfc4475Message_LeavesTheServerAnsweringOptions()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Rfc4475"), "*.dat"))
        {
            await _client.SendAsync(await File.ReadAllBytesAsync(file, LoopbackSipServer.Deadline()), _server.Udp!.LocalEndPoint, LoopbackSipServer.Deadline());
        }
        await _client.SendAsync(new byte[] { 0, 1, 2, 0xff }, _server.Udp!.LocalEndPoint, LoopbackSipServer.Deadline());

        // Answers to the torture messages go to their Via addresses, and one (mpart01, with rport) comes back here:
        // read until the answer to this OPTIONS.
        await _client.SendAsync(OptionsFromClient("z9hG4bK-after-torture"), _server.Udp.LocalEndPoint, LoopbackSipServer.Deadline());
        var deadline = LoopbackSipServer.Deadline();
        SipResponse response;
        do
        {
            var received = await _client.ReceiveAsync(deadline);
            response = (SipResponse)new SipParser().Parse(received.Buffer, SipFraming.Datagram).Message!;
        }
        while (response.TopVia!.Branch != "z9hG4bK-after-torture");

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task ClientTransaction_ToAnotherServer_GetsItsFinalResponse()
    {
        await using var other = LoopbackSipServer.Start();
        var options = LoopbackSipServer.OutgoingOptions("UDP", _server.Udp!.LocalEndPoint, other.Udp!.LocalEndPoint);

        var transaction = _server.Transactions.SendRequest(options, _server.Udp.FlowTo(other.Udp.LocalEndPoint));
        var response = await transaction.FinalResponse.WaitAsync(LoopbackSipServer.Deadline());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(TransactionState.Completed, transaction.State);
    }
}
