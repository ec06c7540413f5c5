using System.Diagnostics;
using Routing.Cluster.Tests.Infrastructure;
using Routing.Testing;

namespace Routing.Cluster.Tests;

/// <summary>
/// The published server started exactly as the container image starts it (deploy/Dockerfile, deploy/image/build.sh):
/// its entry point without arguments, the image's environment (Production), the image's non-root user, no development
/// settings file. Building and running the image itself needs buildah and a container runtime (deploy/RUNBOOK.md);
/// this proves what the image runs. Ports are moved to free loopback ones, as a container's network would map them.
/// </summary>
[Collection(ProcessCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ImageEntryPointTests : IAsyncLifetime
{
    /// <summary>The user of Microsoft's .NET images and of deploy/image/build.sh.</summary>
    private const int ImageUserId = 1654;

    private readonly string _directory = Directory.CreateTempSubdirectory("routing-image-").FullName;

    private string AppDirectory => Path.Combine(_directory, "app");

    public async ValueTask InitializeAsync()
    {
        // The image's user must reach the app (read) and its data folder (write), as in the image.
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_101_101);
        await PublishAsync(AppDirectory);
        File.Delete(Path.Combine(AppDirectory, "appsettings.Development.json"));
        var data = Directory.CreateDirectory(Path.Combine(AppDirectory, "data"));
        File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_111_111);
    }

    [Fact]
    public async Task The_published_app_started_as_the_image_runs_non_root_in_Production_and_becomes_ready()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var silo = Start(("Routing__Edge__Auth__SigningKey", ProcessCluster.SigningKey));

        await silo.WaitReadyAsync(ct);

        if (Environment.UserName == "root")
        {
            var uid = File.ReadLines($"/proc/{silo.ProcessId}/status").Single(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            Assert.Equal(ImageUserId.ToString(System.Globalization.CultureInfo.InvariantCulture), uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        Assert.Contains("Hosting environment: Production", silo.Output, StringComparison.Ordinal);
        // The image's young-generation budget reached the runtime, so collections stay short.
        Assert.Contains("young generation budget 8 MiB", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("young generation budget is not set", silo.Output, StringComparison.Ordinal);
        // SIGTERM, as the container runtime sends it: a graceful stop, exit code 0, and no error on the way (the
        // image's memory state is not written back as the silo goes).
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(" fail: ", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_app_started_as_the_image_without_a_key_or_authority_refuses_with_one_line()
    {
        await using var silo = Start();

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var refusal = Assert.Single(silo.Output.Split('\n'), line => line.Contains("did not start", StringComparison.Ordinal));
        Assert.Contains("no way to check tokens is configured", refusal, StringComparison.Ordinal);
    }

    private SiloProcess Start(params (string Name, string Value)[] secrets)
    {
        var edge = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var environment = new Dictionary<string, string>(ImageEnvironment.Read(), StringComparer.Ordinal)
        {
            ["Kestrel__Endpoints__Http__Url"] = edge.ToString(),
            ["Routing__Silo__SiloPort"] = $"{LoopbackPorts.Free()}",
            ["Routing__Silo__GatewayPort"] = $"{LoopbackPorts.Free()}",
            // The image scrapes on 9464; tests running side by side each take a free one.
            ["Telemetry__Prometheus__Port"] = $"{LoopbackPorts.Free()}",
        };
        foreach (var (name, value) in secrets)
        {
            environment[name] = value;
        }
        return SiloProcess.StartAsImage(AppDirectory, environment, edge, ImageUserId);
    }

    /// <summary>dotnet publish of the server already built for these tests (same configuration): the image's layout
    /// without a second build.</summary>
    private static async Task PublishAsync(string output)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var project = Path.Combine(Repository.Root, "src", "Routing.Server", "Routing.Server.csproj");
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "--nologo", "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var printed = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed: {await printed}{await errors}");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
