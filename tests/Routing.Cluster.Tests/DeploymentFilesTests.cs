using Routing.Cluster.Tests.Infrastructure;

namespace Routing.Cluster.Tests;

/// <summary>
/// The deployment files (deploy/k8s, deploy/compose, deploy/Dockerfile) are what an SRE applies: CI refuses them when
/// a manifest does not match the Kubernetes API schemas, the compose file does not match the Compose specification,
/// a file carries the development signing key, or the two image recipes disagree on the image's environment.
/// </summary>
public sealed class DeploymentFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("routing-deploy-").FullName;

    private static string Deploy(params string[] parts) => Path.Combine([Repository.Root, "deploy", .. parts]);

    [Fact]
    public async Task The_shipped_manifests_and_compose_file_are_valid()
    {
        var (exitCode, output) = await DeployValidator.RunAsync(Deploy("k8s"), "--compose", Deploy("compose", "compose.yaml"));

        Assert.True(exitCode == 0, output);
        foreach (var expected in new[] { "Deployment routing-silo", "HorizontalPodAutoscaler routing-silo", "PodDisruptionBudget routing-silo", "Role routing-silo-pods", "Secret routing-secrets", "Service routing-edge", "StatefulSet routing-redis",
                     "Deployment routing-sip-gateway", "Service routing-sip-gateway", "PodDisruptionBudget routing-sip-gateway", "Secret routing-sip-gateway",
                     "compose.yaml: compose (6 services)" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_manifest_that_breaks_the_API_schema_is_refused_naming_the_fields()
    {
        var broken = Path.Combine(_directory, "silo.yaml");
        var silo = await File.ReadAllTextAsync(Deploy("k8s", "silo.yaml"), TestContext.Current.CancellationToken);
        // A string where an integer belongs, and a gRPC probe without its port.
        silo = silo.Replace("replicas: 3", "replicas: three", StringComparison.Ordinal)
            .Replace("              port: 8080\n              service: routing.readiness", "              service: routing.readiness", StringComparison.Ordinal);
        await File.WriteAllTextAsync(broken, silo, TestContext.Current.CancellationToken);

        var (exitCode, output) = await DeployValidator.RunAsync(_directory);

        Assert.Equal(1, exitCode);
        Assert.Contains("Deployment routing-silo is invalid", output, StringComparison.Ordinal);
        Assert.Contains("/spec/replicas must be integer", output, StringComparison.Ordinal);
        Assert.Contains("readinessProbe/grpc must have required property port", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compose_file_that_breaks_the_specification_is_refused()
    {
        var broken = Path.Combine(_directory, "compose.yaml");
        await File.WriteAllTextAsync(broken, "services:\n  silo:\n    image: routing-server\n    restart: 5\n    stop_grace_period: [45s]\n", TestContext.Current.CancellationToken);

        var (exitCode, output) = await DeployValidator.RunAsync("--compose", broken);

        Assert.Equal(1, exitCode);
        Assert.Contains("not a valid compose file", output, StringComparison.Ordinal);
        Assert.Contains("/services/silo/stop_grace_period", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_carrying_the_development_key_is_refused()
    {
        var developmentKey = await DevelopmentKeyAsync();
        var secret = Path.Combine(_directory, "secret.yaml");
        await File.WriteAllTextAsync(secret, $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: routing-secrets\nstringData:\n  signing-key: \"{developmentKey}\"\n", TestContext.Current.CancellationToken);

        var (exitCode, output) = await DeployValidator.RunAsync(_directory);

        Assert.Equal(1, exitCode);
        Assert.Contains("carries the development signing key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Dockerfile_sets_exactly_the_environment_of_the_registry_free_image()
    {
        var ct = TestContext.Current.CancellationToken;
        var dockerfile = await File.ReadAllTextAsync(Deploy("Dockerfile"), ct);
        var environment = ImageEnvironment.Read();

        foreach (var (name, value) in environment)
        {
            Assert.Contains($"{name}={value}", dockerfile, StringComparison.Ordinal);
        }
        Assert.Contains("ASPNETCORE_ENVIRONMENT", environment.Keys);
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/Routing.Server.dll\"]", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain(await DevelopmentKeyAsync(), dockerfile, StringComparison.Ordinal);
    }

    private static async Task<string> DevelopmentKeyAsync()
    {
        var settings = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "src", "Routing.Server", "appsettings.Development.json"));
        using var json = System.Text.Json.JsonDocument.Parse(settings);
        return json.RootElement.GetProperty("Routing").GetProperty("Edge").GetProperty("Auth").GetProperty("SigningKey").GetString()!;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
