using System.Globalization;
using System.Net;
using Routing.Sip.Authentication;
using Routing.Sip.Registrar;
using Routing.Sip.Tests.Transport;
using Routing.Testing;
using Xunit;

namespace Routing.Sip.Tests.Registrar;

/// <summary>sipp (Debian's sip-tester) registers with the registrar over UDP on 127.0.0.1, answering the 401's
/// challenge with <c>[authentication]</c>: the right password gets 200 and a binding, a wrong one 401 again and none.
/// sipp 3.6 reads only the first WWW-Authenticate and knows only MD5, so it fails on the default offer (SHA-256
/// first, as RFC 8760 §2.4 asks); the registrar here offers MD5 alone, as a deployment with such phones configures
/// <c>Sip:Registrar:Algorithms</c>. SHA-256 is covered by the unit tests.</summary>
public sealed class SippRegisterTests : IAsyncDisposable
{
    private const string Password = "s3cret-for-sipp";

    private readonly SipRegistrar _registrar;
    private readonly SipServer _server;

    public SippRegisterTests()
    {
        var options = new SipRegistrarOptions { Realm = "example.com", Domains = ["example.com"], Algorithms = ["MD5"] };
        var accounts = new InMemorySipCredentialStore([SipAccount.FromPassword("alice", options.Realm, Password)]);
        _registrar = new SipRegistrar(options, accounts, [], TimeProvider.System);
        _server = LoopbackSipServer.Start(handlers: _registrar);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _registrar.Dispose();
    }

    [Fact]
    public async Task RightPassword_Gets200_AndTheBindingIsThere()
    {
        var sippPort = LoopbackPorts.Free();

        var (exitCode, output) = await RunSipp(Password, "200", sippPort);

        Assert.True(exitCode == 0, $"sipp exited {exitCode}:\n{output}");
        var binding = Assert.Single(_registrar.GetContacts("sip:alice@example.com"));
        Assert.Equal($"sip:alice@127.0.0.1:{sippPort};transport=UDP", binding.Contact.ToString());
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, sippPort), binding.Source);
    }

    [Fact]
    public async Task WrongPassword_Gets401Again_AndNoBinding()
    {
        var (exitCode, output) = await RunSipp("not-the-password", "401", LoopbackPorts.Free());

        Assert.True(exitCode == 0, $"sipp exited {exitCode}:\n{output}");
        Assert.Empty(_registrar.GetContacts("sip:alice@example.com"));
    }

    private async Task<(int ExitCode, string Output)> RunSipp(string password, string finalStatus, int sippPort)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Sipp", "register-uac.xml"), TestContext.Current.CancellationToken);
        var scenario = Path.Combine(Path.GetTempPath(), $"register-uac-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(scenario, template.Replace("PASSWORD", password, StringComparison.Ordinal)
            .Replace("FINAL", finalStatus, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            // -auth_uri: sipp's digest-uri is the remote address unless told, and the registrar requires the
            // Request-URI there (RFC 3261 §22.4); sipp prefixes "sip:" itself.
            return await Sipp.RunAsync(
            [
                $"127.0.0.1:{_server.Udp!.LocalEndPoint.Port}", "-sf", scenario, "-m", "1", "-t", "u1", "-i", "127.0.0.1",
                "-p", sippPort.ToString(CultureInfo.InvariantCulture), "-auth_uri", "example.com", "-nostdin", "-timeout", "30s", "-timeout_error", "-recv_timeout", "10000",
            ], TimeSpan.FromSeconds(60));
        }
        finally
        {
            File.Delete(scenario);
        }
    }
}
