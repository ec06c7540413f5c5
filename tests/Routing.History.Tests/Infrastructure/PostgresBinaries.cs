using System.Diagnostics;

namespace Routing.History.Tests.Infrastructure;

/// <summary>
/// Where PostgreSQL's server programs are: <c>ROUTING_PG_BIN</c> if set, else Debian's
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (the newest), else <c>initdb</c> on the PATH. When none is there,
/// scripts/install-test-tools.sh installs Debian's <c>postgresql</c> package first.
/// </summary>
internal static class PostgresBinaries
{
    private static readonly Lazy<string> Located = new(LocateOrInstall);

    /// <summary>The folder holding initdb, pg_ctl and postgres.</summary>
    public static string Directory => Located.Value;

    public static string InitDb => Path.Combine(Directory, "initdb");

    public static string PgCtl => Path.Combine(Directory, "pg_ctl");

    private static string LocateOrInstall()
    {
        if (Locate() is { } found)
        {
            return found;
        }
        var script = Path.Combine(RepositoryRoot(), "scripts", "install-test-tools.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script, "postgresql"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEnd();
        install.WaitForExit();
        return Locate() ?? throw new InvalidOperationException(
            $"PostgreSQL (initdb, pg_ctl) is missing and {script} could not install it (exit {install.ExitCode}): {errors}{output.Result}");
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("ROUTING_PG_BIN") is { Length: > 0 } configured && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }
        const string debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debian))
        {
            var newest = System.IO.Directory.GetDirectories(debian)
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : -1, Bin: Path.Combine(version, "bin")))
                .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
    }

    private static string RepositoryRoot()
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
