using System.Diagnostics;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>Paths in the repository, and the test tools its install script provides.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The server built next to these tests (same configuration), started as separate processes.</summary>
    public static string ServerDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(Root, "src", "Routing.Server", "bin", configuration, "net10.0", "Routing.Server.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"the server is not built: {dll}");
        }
    }

    private static readonly Lazy<string> RedisServerPath = new(LocateOrInstallRedis);

    /// <summary>redis-server, installed by scripts/install-test-tools.sh when missing.</summary>
    public static string RedisServer => RedisServerPath.Value;

    private static string LocateOrInstallRedis()
    {
        const string installed = "/usr/bin/redis-server";
        if (File.Exists(installed))
        {
            return installed;
        }
        var script = Path.Combine(Root, "scripts", "install-test-tools.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script, "redis"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEnd();
        install.WaitForExit();
        return install.ExitCode == 0 && File.Exists(installed)
            ? installed
            : throw new InvalidOperationException($"redis-server is missing and {script} could not install it (exit {install.ExitCode}): {errors}{output.Result}");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Routing.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Routing.sln not found above " + AppContext.BaseDirectory);
    }
}
