using System.Net;
using Microsoft.Extensions.Options;

namespace Routing.Sip.Transport;

/// <summary>Where and how the stack listens, bound from the <c>Sip:Transport</c> configuration section.</summary>
public sealed class SipTransportOptions
{
    /// <summary>The address to listen on (default all IPv4 addresses).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    public bool UdpEnabled { get; set; } = true;

    /// <summary>UDP port (default 5060; 0 picks a free one, for tests).</summary>
    public int UdpPort { get; set; } = 5060;

    public bool TcpEnabled { get; set; } = true;

    /// <summary>TCP port (default 5060; 0 picks a free one).</summary>
    public int TcpPort { get; set; } = 5060;

    /// <summary>TLS needs a certificate, so it is off until one is configured.</summary>
    public bool TlsEnabled { get; set; }

    /// <summary>TLS port (default 5061; 0 picks a free one).</summary>
    public int TlsPort { get; set; } = 5061;

    /// <summary>A PKCS#12 file holding the server certificate and its private key.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    /// <summary>A certificate (DER or PEM) trusted as a root for TLS connections this element opens, besides the
    /// system's roots: the private CA that signs the phones' certificates. Empty: the system's roots only.</summary>
    public string? TlsTrustedCertificatePath { get; set; }

    /// <summary>How long a TLS client may take to finish its handshake.</summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most TCP and TLS connections open at once; further ones are closed at once.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>The most connections from one IP address (an SBC needs a few; a flood gets no more).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 256;

    /// <summary>How long opening a TCP connection for a request this element sends may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The host name or address this element puts in its Via and Record-Route headers, where others send
    /// responses and in-dialog requests. Empty: the listen address, or the machine's host name when listening on all
    /// addresses.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>A connection that carries nothing for this long is closed (RFC 3261 §18.3 leaves it to the server).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages queued for one connection's writer; a peer that does not read is disconnected when it is full.</summary>
    public int SendQueueLength { get; set; } = 1024;

    public IPAddress GetListenAddress() => IPAddress.Parse(ListenAddress);

    /// <summary>The host of this element's Via and Record-Route headers (see <see cref="AdvertisedHost"/>).</summary>
    public string GetAdvertisedHost()
    {
        if (!string.IsNullOrWhiteSpace(AdvertisedHost))
        {
            return AdvertisedHost;
        }
        var address = GetListenAddress();
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return Dns.GetHostName();
        }
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }
}

/// <summary>Checks <see cref="SipTransportOptions"/> at start-up and reports every problem at once.</summary>
public sealed class SipTransportOptionsValidator : IValidateOptions<SipTransportOptions>
{
    public ValidateOptionsResult Validate(string? name, SipTransportOptions options)
    {
        var problems = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            problems.Add($"Sip:Transport:ListenAddress '{options.ListenAddress}' is not an IP address");
        }
        foreach (var (port, label) in new[] { (options.UdpPort, "UdpPort"), (options.TcpPort, "TcpPort"), (options.TlsPort, "TlsPort") })
        {
            if (port is < 0 or > 65535)
            {
                problems.Add($"Sip:Transport:{label} must be 0 to 65535 (is {port})");
            }
        }
        if (!options.UdpEnabled && !options.TcpEnabled && !options.TlsEnabled)
        {
            problems.Add("Sip:Transport enables no transport: turn on UdpEnabled, TcpEnabled or TlsEnabled");
        }
        if (options.TlsEnabled && (string.IsNullOrWhiteSpace(options.TlsCertificatePath) || !File.Exists(options.TlsCertificatePath)))
        {
            problems.Add($"Sip:Transport:TlsCertificatePath must name a PKCS#12 file when TLS is enabled (is '{options.TlsCertificatePath}')");
        }
        if (!string.IsNullOrWhiteSpace(options.TlsTrustedCertificatePath) && !File.Exists(options.TlsTrustedCertificatePath))
        {
            problems.Add($"Sip:Transport:TlsTrustedCertificatePath names no file (is '{options.TlsTrustedCertificatePath}')");
        }
        if (options.MaxConnections is < 1 or > 1_000_000)
        {
            problems.Add($"Sip:Transport:MaxConnections must be 1 to 1,000,000 (is {options.MaxConnections})");
        }
        if (options.MaxConnectionsPerAddress < 1 || options.MaxConnectionsPerAddress > options.MaxConnections)
        {
            problems.Add($"Sip:Transport:MaxConnectionsPerAddress must be 1 to MaxConnections (is {options.MaxConnectionsPerAddress})");
        }
        if (options.IdleTimeout < TimeSpan.FromSeconds(1) || options.TlsHandshakeTimeout < TimeSpan.FromMilliseconds(100))
        {
            problems.Add("Sip:Transport:IdleTimeout must be at least 1 s and TlsHandshakeTimeout at least 100 ms");
        }
        if (options.ConnectTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Sip:Transport:ConnectTimeout must be 100 ms to 1 minute (is {options.ConnectTimeout})");
        }
        if (!string.IsNullOrWhiteSpace(options.AdvertisedHost) && !Messages.SipHost.IsValid(options.AdvertisedHost))
        {
            problems.Add($"Sip:Transport:AdvertisedHost '{options.AdvertisedHost}' is not a host name or IP address");
        }
        if (options.SendQueueLength is < 1 or > 1_000_000)
        {
            problems.Add($"Sip:Transport:SendQueueLength must be 1 to 1,000,000 (is {options.SendQueueLength})");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
