using System.Net;
using Routing.Testing;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>sipp (Debian's sip-tester, installed by scripts/install-test-tools.sh) sends OPTIONS probes to the stack
/// over UDP and TCP on 127.0.0.1; every one must get its 200.</summary>
public sealed class SippOptionsTests : IAsyncDisposable
{
    private const int Probes = 200;

    private readonly SipServer _server = LoopbackSipServer.Start();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task SippOptionsProbes_AllSucceed(string transport)
    {
        var target = transport == "u1" ? _server.Udp!.LocalEndPoint : _server.Tcp!.LocalEndPoint;

        var (exitCode, output) = await RunSipp(target, transport);

        Assert.True(exitCode == 0, $"sipp exited {exitCode}:\n{output}");
        Assert.Matches($@"Successful call\s+\|\s+\d+\s+\|\s+{Probes}\s", output);
        Assert.Matches(@"Failed call\s+\|\s+\d+\s+\|\s+0\s", output);
    }

    private static async Task<(int ExitCode, string Output)> RunSipp(IPEndPoint target, string transport)
    {
        using var sipp = SippRun.Start(
        [
            $"127.0.0.1:{target.Port}", "-sf", SippRun.Scenario("options-uac.xml"), "-m", SippRun.Text(Probes),
            "-r", "100", "-l", "20", "-t", transport, "-i", "127.0.0.1", "-p", SippRun.Text(LoopbackPorts.Free()),
            "-nostdin", "-timeout", "60s", "-timeout_error", "-recv_timeout", "10000",
        ], TimeSpan.FromSeconds(90));
        var result = await sipp.Exited;
        return (result.ExitCode, result.Output);
    }
}
