using System.Diagnostics;
using System.Globalization;

namespace Routing.LoadTest;

/// <summary>With --pin: the servers on one core and the load generator on another, so that on a small machine
/// the figures measure the server and not the two fighting over cores.</summary>
internal static class CorePlacement
{
    public const int ServerCore = 0;
    public const int LoadGeneratorCore = 1;

    /// <summary>Moves every thread of this process to <paramref name="core"/>; threads started later inherit it.</summary>
    public static async Task PinThisProcessAsync(int core, CancellationToken cancellationToken)
    {
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-cp", core.ToString(CultureInfo.InvariantCulture), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("could not start taskset");
        await taskset.StandardOutput.ReadToEndAsync(cancellationToken);
        await taskset.WaitForExitAsync(cancellationToken);
        if (taskset.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset could not pin the load generator to core {core} (exit code {taskset.ExitCode})");
        }
    }
}
