using System.Diagnostics;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>deploy/k8s/validate/validate.mjs (kubernetes-models and the Compose schema), installed from npm by
/// scripts/install-test-tools.sh on first use, run on the files a test names.</summary>
internal static class DeployValidator
{
    private static readonly Lazy<string> Script = new(Install);

    /// <summary>Runs the validator with <paramref name="arguments"/>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        using var node = Process.Start(new ProcessStartInfo("node", [Script.Value, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("could not start node");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        return (node.ExitCode, await output + await errors);
    }

    private static string Install()
    {
        var script = Path.Combine(Repository.Root, "scripts", "install-test-tools.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script, "deploy-validator"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEnd();
        install.WaitForExit();
        var validator = Path.Combine(Repository.Root, "deploy", "k8s", "validate", "validate.mjs");
        return install.ExitCode == 0
            ? validator
            : throw new InvalidOperationException($"{script} could not install the deploy validator (exit {install.ExitCode}): {errors}{output.Result}");
    }
}
