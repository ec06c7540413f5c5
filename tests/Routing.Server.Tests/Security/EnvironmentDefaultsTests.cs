using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Builder;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>
/// Conveniences of the Development environment (the published key, anonymous reflection, gRPC-Web) are
/// there in Development and absent from a production server that does not ask for them.
/// </summary>
public sealed class EnvironmentDefaultsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-env-{Guid.NewGuid():N}");
    private string _centreFile = "";

    public async ValueTask InitializeAsync() => _centreFile = await TestServer.WriteCentreAsync(_directory);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Development_PublishedKeyTokenAnonymousReflectionAndGrpcWeb_AllWork()
    {
        var (app, address, webAddress, _) = await TestServer.StartAsync(
            ["--environment", "Development", $"--Routing:Edge:Auth:SigningKey={DevTokens.LocalDevelopmentKey}",
             "--Routing:Edge:Reflection=Anonymous", "--Routing:Edge:GrpcWeb=true"],
            _centreFile, primarySiloPort: 0, configureServices: null);
        await using var _ = app;
        using var channel = GrpcChannel.ForAddress(address);
        var token = DevTokens.Mint(DevTokens.LocalDevelopmentKey, "acme", [EdgeRoles.Admin], null, TimeSpan.FromHours(1));
        var configuration = await new AdminService.AdminServiceClient(channel).GetConfigurationAsync(new GetConfigurationRequest(), EdgeFixture.WithToken(token));
        Assert.Equal("acme", configuration.TenantId);

        Assert.Superset(
            new HashSet<string>(["routing.v1.AgentService", "routing.v1.InteractionService", "routing.v1.SupervisorService", "routing.v1.AdminService", "grpc.health.v1.Health"]),
            (await ListServices(channel, token: null)).ToHashSet());

        using var web = GrpcChannel.ForAddress(webAddress, new GrpcChannelOptions { HttpHandler = new GrpcWebHandler(new HttpClientHandler()), HttpVersion = new Version(1, 1) });
        var overWeb = await new AdminService.AdminServiceClient(web).GetConfigurationAsync(new GetConfigurationRequest(), EdgeFixture.WithToken(token));
        Assert.Equal("acme", overWeb.TenantId);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Production_Defaults_NoReflectionNoGrpcWeb()
    {
        var key = $"production-test-key-{Guid.NewGuid():N}";
        var (app, address, webAddress, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={key}", "--Routing:Edge:GrpcWeb=false"], _centreFile, primarySiloPort: 0, configureServices: null);
        await using var _ = app;
        using var channel = GrpcChannel.ForAddress(address);
        var token = DevTokens.Mint(key, "acme", [EdgeRoles.Admin], null, TimeSpan.FromHours(1));

        var reflection = await Assert.ThrowsAsync<RpcException>(() => ListServices(channel, token));
        Assert.Equal(StatusCode.Unimplemented, reflection.StatusCode);

        using var web = GrpcChannel.ForAddress(webAddress, new GrpcChannelOptions { HttpHandler = new GrpcWebHandler(new HttpClientHandler()), HttpVersion = new Version(1, 1) });
        var overWeb = await Assert.ThrowsAsync<RpcException>(() =>
            new AdminService.AdminServiceClient(web).GetConfigurationAsync(new GetConfigurationRequest(), EdgeFixture.WithToken(token)).ResponseAsync);
        // The server answers a gRPC-Web request over HTTP/1.1 as a protocol error: gRPC needs HTTP/2 there.
        Assert.Equal(StatusCode.Internal, overWeb.StatusCode);

        // The service itself answers: only the conveniences are missing.
        await new AdminService.AdminServiceClient(channel).GetConfigurationAsync(new GetConfigurationRequest(), EdgeFixture.WithToken(token));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Production_AuthenticatedReflection_NeedsAToken()
    {
        var key = $"production-test-key-{Guid.NewGuid():N}";
        var (app, address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={key}", "--Routing:Edge:Reflection=Authenticated"], _centreFile, primarySiloPort: 0, configureServices: null);
        await using var _ = app;
        using var channel = GrpcChannel.ForAddress(address);

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => ListServices(channel, token: null));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        var token = DevTokens.Mint(key, "acme", [EdgeRoles.Gateway], null, TimeSpan.FromHours(1));
        Assert.Contains("routing.v1.InteractionService", await ListServices(channel, token));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The services the server lists over gRPC reflection.</summary>
    private static async Task<List<string>> ListServices(GrpcChannel channel, string? token)
    {
        var client = new ServerReflection.ServerReflectionClient(channel);
        using var call = client.ServerReflectionInfo(EdgeFixture.WithToken(token));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
    }
}
