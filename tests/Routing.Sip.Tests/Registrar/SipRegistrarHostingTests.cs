using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Routing.Sip.Authentication;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Registrar;
using Routing.Sip.Tests.Transport;
using Xunit;

namespace Routing.Sip.Tests.Registrar;

/// <summary>The registrar in a host: options bound from <c>Sip:Registrar</c>, checked before anything listens, and the
/// registrar serving REGISTER for the stack.</summary>
public sealed class SipRegistrarHostingTests
{
    private static IHost Build(Dictionary<string, string?> settings) =>
        SipTestHost.Build(settings, (builder, sip) => builder.Services.AddSipRegistrar(sip));

    [Fact]
    public async Task WrongSettings_StopStartUp_WithEveryProblemListed()
    {
        using var host = Build(new()
        {
            ["Sip:Transport:ListenAddress"] = "127.0.0.1",
            ["Sip:Registrar:Algorithms:0"] = "SHA-512",
            ["Sip:Registrar:MinExpires"] = "600",
            ["Sip:Registrar:MaxExpires"] = "300",
            ["Sip:Registrar:Accounts:0:Username"] = "alice",
            ["Sip:Registrar:Accounts:0:Ha1Md5"] = "not-hex",
        });

        var message = await SipTestHost.StartFailuresAsync(host);

        Assert.Contains("Realm", message, StringComparison.Ordinal);
        Assert.Contains("Algorithms", message, StringComparison.Ordinal);
        Assert.Contains("MinExpires", message, StringComparison.Ordinal);
        Assert.Contains("Accounts 'alice'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedRegistrar_RegistersOverUdp_WithAConfiguredAccount()
    {
        var account = SipAccount.FromPassword("alice", "example.com", "pw");
        using var host = Build(new()
        {
            ["Sip:Transport:ListenAddress"] = "127.0.0.1",
            ["Sip:Transport:UdpPort"] = "0",
            ["Sip:Transport:TcpPort"] = "0",
            ["Sip:Registrar:Realm"] = "example.com",
            ["Sip:Registrar:Accounts:0:Username"] = "alice",
            ["Sip:Registrar:Accounts:0:Ha1Sha256"] = account.Ha1Sha256!.ToUpperInvariant(),
        });
        await host.StartAsync(TestContext.Current.CancellationToken);
        var server = host.Services.GetRequiredService<SipHostedService>().Server!;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        var challenge = await Exchange(client, server.Udp!.LocalEndPoint, Register(port, cseq: 1));
        var register = Register(port, cseq: 2);
        RegistrarHarness.Authorize(register, challenge, "alice", "pw");
        var answer = await Exchange(client, server.Udp!.LocalEndPoint, register);

        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal(200, answer.StatusCode);
        Assert.Single(host.Services.GetRequiredService<SipRegistrar>().GetContacts("sip:alice@example.com"));
        Assert.Contains("REGISTER", server.Core.Allow);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static SipRequest Register(int port, int cseq)
    {
        var register = new SipRequest(SipMethods.Register, SipUri.Parse("sip:example.com"));
        register.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-hosted-{cseq}");
        register.Headers.Add(HeaderNames.MaxForwards, "70");
        register.Headers.Add(HeaderNames.From, "<sip:alice@example.com>;tag=a");
        register.Headers.Add(HeaderNames.To, "<sip:alice@example.com>");
        register.Headers.Add(HeaderNames.CallId, "hosted@127.0.0.1");
        register.Headers.Add(HeaderNames.CSeq, $"{cseq} REGISTER");
        register.Headers.Add(HeaderNames.Contact, $"<sip:alice@127.0.0.1:{port}>");
        return register;
    }

    private static async Task<SipResponse> Exchange(UdpClient client, IPEndPoint server, SipRequest request)
    {
        await client.SendAsync(SipSerializer.Serialize(request), server, LoopbackSipServer.Deadline());
        var received = await client.ReceiveAsync(LoopbackSipServer.Deadline());
        return (SipResponse)new SipParser().Parse(received.Buffer, SipFraming.Datagram).Message!;
    }
}
