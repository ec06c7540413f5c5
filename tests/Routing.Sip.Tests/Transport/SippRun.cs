using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;

namespace Routing.Sip.Tests.Transport;

/// <summary>One sipp process: its exit code and output once it ends, killed when disposed if still running (a test
/// that fails early leaves no sipp behind).</summary>
internal sealed class SippRun : IDisposable
{
    private readonly Process _process;

    private SippRun(Process process, Task<SippResult> exited)
    {
        _process = process;
        Exited = exited;
    }

    public Task<SippResult> Exited { get; }

    /// <summary>Starts sipp with <paramref name="arguments"/>; it is killed if it runs longer than <paramref name="limit"/>.</summary>
    public static SippRun Start(IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(Sipp.Path, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        var process = Process.Start(start)!;
        return new SippRun(process, WaitAsync(process, limit));
    }

    /// <summary>The scenario file of that name copied next to the tests.</summary>
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", name);

    public static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Waits (a bounded poll: sipp signals nothing when it has bound) until a UDP or TCP listener is on
    /// <paramref name="port"/>; fails with sipp's output if it ends first.</summary>
    public async Task WaitListening(int port, bool tcp, CancellationToken cancellation)
    {
        var properties = IPGlobalProperties.GetIPGlobalProperties();
        while (!(tcp ? properties.GetActiveTcpListeners() : properties.GetActiveUdpListeners()).Any(e => e.Port == port && IsLoopback(e)))
        {
            if (Exited.IsCompleted)
            {
                var result = await Exited;
                throw new InvalidOperationException($"sipp exited {result.ExitCode} before listening:\n{result.Output}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellation);
        }
    }

    private static bool IsLoopback(IPEndPoint endPoint) => IPAddress.IsLoopback(endPoint.Address) || endPoint.Address.Equals(IPAddress.Any);

    private static async Task<SippResult> WaitAsync(Process process, TimeSpan limit)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
        return new SippResult(process.ExitCode, await output + await errors);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}

/// <summary>How a sipp run ended: 0 when every call succeeded.</summary>
internal sealed record SippResult(int ExitCode, string Output);
