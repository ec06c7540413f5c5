using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Tests.Transport;
using Xunit;

namespace Routing.Sip.Tests;

/// <summary>The stack in a host: options bound from configuration and checked before anything listens.</summary>
public sealed class SipHostingTests
{
    private static IHost Build(Dictionary<string, string?> settings) => SipTestHost.Build(settings);

    [Fact]
    public async Task WrongSettings_StopStartUp_WithEveryProblemListed()
    {
        using var host = Build(new()
        {
            ["Sip:Transport:ListenAddress"] = "not-an-address",
            ["Sip:Transport:UdpPort"] = "70000",
            ["Sip:Transport:TlsEnabled"] = "true",
            ["Sip:Parser:MaxMessageSize"] = "10",
            ["Sip:Transactions:T1"] = "00:00:02",
            ["Sip:Transactions:T2"] = "00:00:01",
            ["Sip:Transport:ConnectTimeout"] = "00:00:00",
            ["Sip:Transport:AdvertisedHost"] = "gateway..example.com",
            ["Sip:Transport:TlsTrustedCertificatePath"] = "/no/such/ca.pem",
        });

        // Each options type reports its own problems; the host gathers them into one exception.
        var failure = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var message = string.Join('\n', failure.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("MaxMessageSize", message, StringComparison.Ordinal);
        Assert.Contains("ListenAddress", message, StringComparison.Ordinal);
        Assert.Contains("UdpPort", message, StringComparison.Ordinal);
        Assert.Contains("TlsCertificatePath", message, StringComparison.Ordinal);
        Assert.Contains("T2", message, StringComparison.Ordinal);
        Assert.Contains("ConnectTimeout", message, StringComparison.Ordinal);
        Assert.Contains("AdvertisedHost", message, StringComparison.Ordinal);
        Assert.Contains("TlsTrustedCertificatePath", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParserLimitOutOfRange_StopsStartUp()
    {
        using var host = Build(new() { ["Sip:Parser:MaxMessageSize"] = "10", ["Sip:Transport:ListenAddress"] = "127.0.0.1" });

        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MaxMessageSize", string.Join('\n', failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedStack_AnswersOptionsOverUdp()
    {
        using var host = Build(new()
        {
            ["Sip:Transport:ListenAddress"] = "127.0.0.1",
            ["Sip:Transport:UdpPort"] = "0",
            ["Sip:Transport:TcpPort"] = "0",
        });
        await host.StartAsync(TestContext.Current.CancellationToken);
        var server = host.Services.GetRequiredService<SipHostedService>().Server!;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var options = System.Text.Encoding.UTF8.GetString(SipText.Options())
            .Replace("client.example.com:5070;", $"127.0.0.1:{((IPEndPoint)client.Client.LocalEndPoint!).Port};", StringComparison.Ordinal);

        await client.SendAsync(System.Text.Encoding.UTF8.GetBytes(options), server.Udp!.LocalEndPoint, LoopbackSipServer.Deadline());
        var received = await client.ReceiveAsync(LoopbackSipServer.Deadline());

        Assert.Equal(200, ((SipResponse)new SipParser().Parse(received.Buffer, SipFraming.Datagram).Message!).StatusCode);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
