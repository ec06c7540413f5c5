using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Routing.Testing;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>Runs Azurite's table service as a child process (a class fixture of the Azure cluster tests, so the
/// other failover tests do not start it), on a free loopback port with in-memory storage. Installs Azurite
/// through scripts/install-test-tools.sh first if it is missing, so a plain <c>dotnet test</c> works on a
/// fresh machine.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account (public, documented, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _workDir;

    public int Port { get; private set; }

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The command line the fixture ran, for failure messages and the README.</summary>
    public string CommandLine { get; private set; } = "";

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{port}/{AccountName};";

    public async ValueTask InitializeAsync()
    {
        var root = RepoRoot();
        var azurite = Path.Combine(root, "tools", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(azurite))
        {
            await InstallAsync(root);
            if (!File.Exists(azurite))
            {
                throw new InvalidOperationException($"scripts/install-test-tools.sh succeeded but {azurite} is still missing.");
            }
        }

        Port = LoopbackPorts.Free();
        _workDir = Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck" })
        {
            start.ArgumentList.Add(arg);
        }
        CommandLine = $"{azurite} {string.Join(' ', start.ArgumentList)}";
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {CommandLine}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync(_process, Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_workDir is not null)
        {
            Directory.Delete(_workDir, recursive: true);
        }
    }

    /// <summary>Polls the TCP port until Azurite accepts a connection, failing fast if it exits.</summary>
    private async Task WaitForPortAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} before listening on port {port}.\n{CommandLine}\n{Output()}");
            }
            using var client = new TcpClient();
            using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                if (deadline.Elapsed > StartDeadline)
                {
                    throw new TimeoutException(
                        $"Azurite did not listen on 127.0.0.1:{port} within {StartDeadline.TotalSeconds:0} s.\n{CommandLine}\n{Output()}");
                }
            }
            // Poll interval; also wakes at once if the process exits.
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMilliseconds(100)));
        }
    }

    private static async Task InstallAsync(string root)
    {
        var script = Path.Combine(root, "scripts", "install-test-tools.sh");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("azurite");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Azurite is not installed and {script} did not finish within {InstallDeadline.TotalMinutes:0} minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Azurite is not installed and {script} failed with exit code {process.ExitCode}; run it by hand " +
                $"(needs npm and access to the npm registry).\n{await stdout}\n{await stderr}");
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "install-test-tools.sh")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Could not find the repository root (scripts/install-test-tools.sh) above {AppContext.BaseDirectory}.");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
