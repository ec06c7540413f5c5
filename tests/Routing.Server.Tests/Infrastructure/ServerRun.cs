using System.Diagnostics;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>The server built next to these tests, run as its own process (as an operator starts it), for start-up checks.</summary>
public static class ServerRun
{
    /// <summary>Runs the server built next to these tests as its own process until it exits (at most 60 s).</summary>
    public static async Task<(int ExitCode, List<string> Output)> UntilExitAsync(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Routing.Server.dll"), .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        var lines = $"{await output}{Environment.NewLine}{await errors}".Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, [.. lines]);
    }
}
