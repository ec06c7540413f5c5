using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Routing.Sip.Tests.Transport;
using Routing.Testing;

namespace Routing.SipGateway.Tests.Infrastructure;

/// <summary>sipp as the caller: a scenario written for the test (the INVITE, what it expects back, and the ACK or
/// CANCEL that follows), run against the gateway on 127.0.0.1 until every call ended or a deadline passed.</summary>
internal static partial class SippCall
{
    /// <summary>The INVITE every scenario starts with: to <c>[entry]</c>, from <c>[caller]</c>, with a Call-ID made of the
    /// test's prefix and the call number (sipp's -cid_str), so the test can compute each call's interaction id.</summary>
    private const string Invite = """
          <send retrans="500">
            <![CDATA[
              INVITE sip:[entry]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: "Customer" <sip:[caller]@[local_ip]:[local_port]>;tag=caller-[call_number]
              To: <sip:[entry]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 INVITE
              Contact: <sip:[caller]@[local_ip]:[local_port];transport=[transport]>
              Max-Forwards: 70
              X-tier: standard
              Content-Length: 0

            ]]>
          </send>
          <recv response="100" optional="true"/>
        """;

    /// <summary>The ACK of a non-2xx final response (RFC 3261 §17.1.1.3): the INVITE's Via (with its branch) and From, the
    /// response's To with its tag.</summary>
    private const string AckFinal = """
          <send>
            <![CDATA[
              ACK sip:[entry]@[remote_ip]:[remote_port] SIP/2.0
              [last_Via:]
              [last_From:]
              [last_To:]
              [last_Call-ID:]
              CSeq: 1 ACK
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
        """;

    /// <summary>Queued, then (when <paramref name="ringing"/>) the agent's phone ringing, then a final response
    /// <paramref name="status"/> whose Contact matches <paramref name="contact"/> when given (a redirect), then the ACK.</summary>
    public static string Answered(int status, string? contact = null, bool queued = true, bool ringing = false) => Scenario($"""
        {Invite}
          <recv response="182" optional="{(queued ? "false" : "true")}"/>
          {(ringing ? "<recv response=\"180\"/>" : "")}
          <recv response="{status}">
            {(contact is null ? "" : $"<action><ereg regexp=\"{contact}\" search_in=\"hdr\" header=\"Contact:\" check_it=\"true\" assign_to=\"contact\"/></action>")}
          </recv>
          {(contact is null ? "" : "<Reference variables=\"contact\"/>")}
        {AckFinal}
        """);

    /// <summary>Queued, waits <paramref name="pause"/> on hold, then CANCELs (§9.1: the INVITE's Via branch, From and To
    /// without a tag; retransmitted over UDP like any non-INVITE request) and expects the CANCEL's 200 and the INVITE's 487.</summary>
    public static string CancelledWhileQueued(TimeSpan pause) => Scenario($"""
        {Invite}
          <recv response="182"/>
          <pause milliseconds="{(int)pause.TotalMilliseconds}"/>
          <send retrans="500">
            <![CDATA[
              CANCEL sip:[entry]@[remote_ip]:[remote_port] SIP/2.0
              [last_Via:]
              From: "Customer" <sip:[caller]@[local_ip]:[local_port]>;tag=caller-[call_number]
              To: <sip:[entry]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 CANCEL
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="200"/>
          <recv response="487"/>
        {AckFinal}
        """);

    /// <summary>A phone registering <paramref name="user"/>@acme.example (sipp's <c>[caller]</c> must name the same user): REGISTER, the 401's challenge answered with
    /// <paramref name="password"/>, then <paramref name="final"/> (200, or 401 again for a wrong password).</summary>
    public static string Register(string user, string password, int final) => Scenario($"""
          <send retrans="500">
            <![CDATA[
              REGISTER sip:{GatewayFixture.Realm} SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:[caller]@{GatewayFixture.Realm}>;tag=reg-[call_number]
              To: <sip:[caller]@{GatewayFixture.Realm}>
              Call-ID: [call_id]
              CSeq: 1 REGISTER
              Contact: <sip:[caller]@[local_ip]:[local_port]>
              Expires: 600
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="401" auth="true"/>
          <send retrans="500">
            <![CDATA[
              REGISTER sip:{GatewayFixture.Realm} SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:[caller]@{GatewayFixture.Realm}>;tag=reg-[call_number]
              To: <sip:[caller]@{GatewayFixture.Realm}>
              Call-ID: [call_id]
              CSeq: 2 REGISTER
              Contact: <sip:[caller]@[local_ip]:[local_port]>
              [authentication username={user} password={password}]
              Expires: 600
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="{final}"/>
        """);

    private static string Scenario(string body) => $"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="routing gateway caller">
        {body}
        </scenario>
        """;

    /// <summary>Runs <paramref name="scenario"/> for <paramref name="calls"/> calls to <paramref name="entry"/>; returns
    /// sipp's exit code, the successful and failed call counts and its output.</summary>
    public static async Task<SippResult> RunAsync(int gatewayPort, string scenario, string entry, string callPrefix,
        int calls = 1, string transport = "u1", int rate = 10, int lossPercent = 0, TimeSpan? timeout = null, string caller = "441130555000")
    {
        var file = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, scenario);
        try
        {
            string[] loss = lossPercent > 0 ? ["-lost", lossPercent.ToString(CultureInfo.InvariantCulture)] : [];
            return await RunSippAsync(
            [
                $"127.0.0.1:{gatewayPort}", "-sf", file, "-m", calls.ToString(CultureInfo.InvariantCulture),
                "-r", rate.ToString(CultureInfo.InvariantCulture), "-l", calls.ToString(CultureInfo.InvariantCulture),
                "-t", transport, "-i", "127.0.0.1", "-p", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                "-key", "entry", entry, "-s", entry, "-key", "caller", caller, "-auth_uri", GatewayFixture.Realm, "-cid_str", $"{callPrefix}-%u",
                .. loss,
            ], timeout ?? TimeSpan.FromSeconds(60));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs one of the SIP stack's proxy scenarios (<c>Sipp/proxy-*.xml</c>): as a caller to the gateway's
    /// <paramref name="entry"/>, or, with <paramref name="listenPort"/> and no gateway port, as an agent's phone waiting
    /// on that port for one call.</summary>
    public static Task<SippResult> RunScenarioAsync(string scenarioFile, int? gatewayPort, string entry, int listenPort, TimeSpan? timeout = null)
    {
        string[] target = gatewayPort is { } port ? [$"127.0.0.1:{port}"] : [];
        return RunSippAsync(
        [
            .. target, "-sf", Path.Combine(AppContext.BaseDirectory, "Sipp", scenarioFile), "-m", "1",
            "-t", "u1", "-i", "127.0.0.1", "-p", listenPort.ToString(CultureInfo.InvariantCulture), "-s", entry,
        ], timeout ?? TimeSpan.FromSeconds(60));
    }

    private static async Task<SippResult> RunSippAsync(string[] arguments, TimeSpan timeout)
    {
        {
            var start = new ProcessStartInfo(Sipp.Path,
            [
                .. arguments,
                "-nostdin", "-timeout", $"{(int)timeout.TotalSeconds}s", "-timeout_error",
                "-recv_timeout", "30000", "-max_socket", "2000",
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            using var sipp = Process.Start(start)!;
            var output = sipp.StandardOutput.ReadToEndAsync();
            var errors = sipp.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(30));
            try
            {
                await sipp.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                sipp.Kill();
                throw;
            }
            var text = await output + await errors;
            return new SippResult(sipp.ExitCode, Count(text, "Successful call"), Count(text, "Failed call"), text);
        }
    }

    private static int Count(string output, string row) =>
        Regex.Match(output, $@"{row}\s+\|\s+\d+\s+\|\s+(\d+)\s") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
}

internal sealed record SippResult(int ExitCode, int Successful, int Failed, string Output)
{
    public override string ToString() => $"sipp exit {ExitCode}, {Successful} successful, {Failed} failed:\n{Output}";
}
