using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Routing.Sip.Messages;
using Routing.Sip.Transport;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>TLS connections the stack opens for its own requests: the server's certificate must chain to a trusted
/// root (here the configured one, as for a private CA) and name the target's host.</summary>
public sealed class OutgoingTlsTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("routing-sip-tls-").FullName;
    private readonly SipServer _phone;

    public OutgoingTlsTests() => _phone = StartTls(Certificate("phone"));

    public async ValueTask DisposeAsync()
    {
        await _phone.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TrustedServer_NamedByTheUri_AnswersOverTheConnection()
    {
        await using var gateway = StartTls(Certificate("gateway"), trusted: Path.Combine(_directory, "phone.pem"));

        var transaction = await gateway.SendRequestAsync(Options(gateway), Target("localhost"), LoopbackSipServer.Deadline());
        var response = await transaction.FinalResponse.WaitAsync(LoopbackSipServer.Deadline());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("TLS", response.TopVia!.Transport);
        Assert.Equal(1, gateway.Tls!.ConnectionCount);
    }

    [Fact]
    public async Task UntrustedServer_IsUnreachable()
    {
        await using var gateway = StartTls(Certificate("gateway"));

        await Assert.ThrowsAsync<SipUnreachableException>(async () => await gateway.GetFlowAsync(Target("localhost"), LoopbackSipServer.Deadline()));
    }

    [Fact]
    public async Task TrustedServer_NotNamedByTheUri_IsUnreachable()
    {
        await using var gateway = StartTls(Certificate("gateway"), trusted: Path.Combine(_directory, "phone.pem"));

        await Assert.ThrowsAsync<SipUnreachableException>(async () => await gateway.GetFlowAsync(Target("127.0.0.1"), LoopbackSipServer.Deadline()));
    }

    private SipUri Target(string host) => SipUri.Parse($"sips:probe@{host}:{_phone.Tls!.LocalEndPoint.Port}");

    private static SipRequest Options(SipServer from)
    {
        var options = LoopbackSipServer.OutgoingOptions("TLS", from.Tls!.LocalEndPoint, from.Tls.LocalEndPoint);
        options.Headers.Remove(HeaderNames.Via);
        return options;
    }

    private static SipServer StartTls(string pfx, string? trusted = null) => LoopbackSipServer.Start(o =>
    {
        o.TlsEnabled = true;
        o.TlsCertificatePath = pfx;
        o.TlsCertificatePassword = "test";
        o.TlsTrustedCertificatePath = trusted;
    });

    /// <summary>A self-signed certificate for localhost: its PKCS#12 (returned) and its public part in PEM (name.pem).</summary>
    private string Certificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var pfx = Path.Combine(_directory, name + ".pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "test"));
        File.WriteAllText(Path.Combine(_directory, name + ".pem"), certificate.ExportCertificatePem());
        return pfx;
    }
}
