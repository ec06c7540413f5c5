using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Routing.Sip.Transport;

/// <summary>The client side of a TLS connection this element opens (RFC 3261 §26.2.1, RFC 5922): the server's
/// certificate must name the target's host and chain to a root the system trusts, or to the configured
/// <see cref="SipTransportOptions.TlsTrustedCertificatePath"/> (the private CA phones' certificates come from). Our own
/// certificate is offered for mutual TLS.</summary>
internal static class OutgoingTls
{
    /// <summary>Throws <see cref="System.Security.Authentication.AuthenticationException"/> when the server is not
    /// trusted, <see cref="IOException"/> when the handshake breaks off.</summary>
    public static async Task<Stream> AuthenticateAsync(Stream stream, string serverName, X509Certificate2 ours, X509Certificate2? trusted,
        CancellationToken cancellation)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                ClientCertificates = [ours],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, trusted),
            }, cancellation);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2? trusted)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        // Only a chain to an unknown root may be forgiven, and only when it ends at the configured root.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || trusted is null || certificate is null)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
