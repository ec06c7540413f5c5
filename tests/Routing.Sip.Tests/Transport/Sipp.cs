using System.Diagnostics;

namespace Routing.Sip.Tests.Transport;

/// <summary>The sipp binary, installed through scripts/install-test-tools.sh when it is missing (as the other suites
/// install redis-server and PostgreSQL).</summary>
internal static class Sipp
{
    private const string Installed = "/usr/bin/sipp";

    private static readonly Lazy<string> Located = new(LocateOrInstall);

    public static string Path => Located.Value;

    /// <summary>Runs sipp with <paramref name="arguments"/> in the temporary folder (where it writes its logs), killing it
    /// if it outlives <paramref name="deadline"/>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(Path, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = System.IO.Path.GetTempPath(),
        };
        using var sipp = Process.Start(start)!;
        var output = sipp.StandardOutput.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        var errors = sipp.StandardError.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await sipp.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            sipp.Kill();
            throw;
        }
        return (sipp.ExitCode, await output + await errors);
    }

    private static string LocateOrInstall()
    {
        if (File.Exists(Installed))
        {
            return Installed;
        }
        var script = System.IO.Path.Combine(Root(), "scripts", "install-test-tools.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script, "sipp"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEnd();
        install.WaitForExit();
        return install.ExitCode == 0 && File.Exists(Installed)
            ? Installed
            : throw new InvalidOperationException($"sipp is missing and {script} could not install it (exit {install.ExitCode}): {errors}{output.Result}");
    }

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Routing.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Routing.sln not found above " + AppContext.BaseDirectory);
    }
}
