using Routing.Testing;
using System.Diagnostics;
using System.Globalization;

namespace Routing.LoadTest;

/// <summary>With --via-sip: the arrivals are phone calls, sent by sipp to the SIP gateway at the phase's rate. Each call
/// dials its queue's entry point (7000 + queue), is queued (182), and is redirected (302) to the agent who accepted it;
/// sipp acknowledges the 302. Its response-time trace gives INVITE → 302, the time a caller waits for the agent.</summary>
internal static class SipArrivals
{
    /// <summary>The dialled number of queue <paramref name="index"/>'s entry point.</summary>
    public static string Address(int index) => (7000 + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>The Call-ID of call <paramref name="n"/> (from 1) of a phase, and its From tag: sipp's -cid_str and the
    /// scenario make them, and the gateway's interaction id is computed from them.</summary>
    public static (string CallId, string FromTag) Call(string prefix, long n) => ($"{prefix}-{n}", $"load-{n}");

    private const string Scenario = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="load caller">
          <send retrans="500" start_rtd="1">
            <![CDATA[
              INVITE sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:+441234567890@[local_ip]:[local_port]>;tag=load-[call_number]
              To: <sip:[field0]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 INVITE
              Contact: <sip:+441234567890@[local_ip]:[local_port]>
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="100" optional="true"/>
          <recv response="182" optional="true"/>
          <recv response="302" rtd="1"/>
          <send>
            <![CDATA[
              ACK sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
              [last_Via:]
              [last_From:]
              [last_To:]
              [last_Call-ID:]
              CSeq: 1 ACK
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
        </scenario>
        """;

    /// <summary>Sends <paramref name="rate"/> × <paramref name="duration"/> calls spread over the queues at random
    /// (<paramref name="seed"/>), waits for sipp to finish, and returns its counts and the INVITE → 302 times.</summary>
    public static async Task<SipPhaseResult> RunAsync(int gatewayPort, double rate, TimeSpan duration, int queues, int seed, string prefix, int? core, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("routing-load-sip-");
        try
        {
            var calls = (long)Math.Round(rate * duration.TotalSeconds);
            var random = new Random(seed);
            // sipp reads one line per call from the injection file: the number to dial.
            await File.WriteAllLinesAsync(Path.Combine(directory.FullName, "numbers.csv"),
                ["SEQUENTIAL", .. Enumerable.Range(0, (int)calls).Select(_ => Address(random.Next(queues)))], cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "caller.xml"), Scenario, cancellationToken);
            string[] sipp =
            [
                "sipp", $"127.0.0.1:{gatewayPort}", "-sf", "caller.xml", "-inf", "numbers.csv",
                "-m", calls.ToString(CultureInfo.InvariantCulture), "-r", rate.ToString("0.###", CultureInfo.InvariantCulture),
                "-l", "100000", "-t", "u1", "-i", "127.0.0.1", "-p", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                "-cid_str", $"{prefix}-%u", "-trace_rtt", "-rtt_freq", "1", "-max_socket", "65000",
                "-nostdin", "-timeout", $"{(int)(duration.TotalSeconds + 120)}s", "-timeout_error", "-recv_timeout", "60000",
            ];
            var start = core is { } pinned
                ? new ProcessStartInfo("taskset", ["-c", pinned.ToString(CultureInfo.InvariantCulture), .. sipp])
                : new ProcessStartInfo(sipp[0], sipp[1..]);
            start.WorkingDirectory = directory.FullName;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start sipp (install it: scripts/install-test-tools.sh sipp)");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var text = await output + await errors;
            return new SipPhaseResult(calls, Count(text, "Successful call"), Count(text, "Failed call"), ResponseTimes(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The INVITE → 302 times in ms from sipp's rtt trace (lines "date_ms;time_ms;rtd").</summary>
    private static List<double> ResponseTimes(string directory) =>
    [
        .. Directory.EnumerateFiles(directory, "*_rtt.csv")
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(';'))
            .Where(fields => fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(fields => double.Parse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture)),
    ];

    private static long Count(string output, string row) =>
        System.Text.RegularExpressions.Regex.Match(output, $@"{row}\s+\|\s+\d+\s+\|\s+(\d+)\s") is { Success: true } match
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : -1;
}

/// <summary>What sipp saw in one phase.</summary>
internal sealed record SipPhaseResult(long Calls, long Successful, long Failed, List<double> InviteToRedirectMs);
