using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>SIP over TLS (RFC 3261 §26.2.1) with a configured certificate, on 127.0.0.1.</summary>
public sealed class TlsTransportTests : IAsyncDisposable
{
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"routing-sip-{Guid.NewGuid():N}.pfx");
    private readonly SipServer _server;

    public TlsTransportTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllBytes(_certificatePath, certificate.Export(X509ContentType.Pkcs12, "test"));
        _server = LoopbackSipServer.Start(o =>
        {
            o.TlsEnabled = true;
            o.TlsCertificatePath = _certificatePath;
            o.TlsCertificatePassword = "test";
            o.TlsHandshakeTimeout = TimeSpan.FromSeconds(2);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_certificatePath);
    }

    [Fact]
    public async Task Options_OverTls_Gets200()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tls!.LocalEndPoint, tls: true);
        var options = Encoding.UTF8.GetString(SipText.Options(branch: "z9hG4bK-tls")).Replace("SIP/2.0/UDP", "SIP/2.0/TLS", StringComparison.Ordinal);

        await client.SendAsync(Encoding.UTF8.GetBytes(options));

        var response = await client.ReceiveAsync();
        Assert.Equal(200, response!.StatusCode);
        Assert.Equal("TLS", response.TopVia!.Transport);
    }

    [Fact]
    public async Task PlainTextOnTheTlsPort_IsClosedWithoutAnswer()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tls!.LocalEndPoint);

        await client.SendAsync(SipText.Options(branch: "z9hG4bK-plain"));

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(200, (await TlsOptionsStillAnswered()).StatusCode);
    }

    private async Task<Routing.Sip.Messages.SipResponse> TlsOptionsStillAnswered()
    {
        await using var client = await StreamSipClient.ConnectAsync(_server.Tls!.LocalEndPoint, tls: true);
        await client.SendAsync(SipText.Options(branch: "z9hG4bK-after-plain", callId: "after-plain@client"));
        return (await client.ReceiveAsync())!;
    }
}
