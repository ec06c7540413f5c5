using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests;

[Collection(EdgeCollection.Name)]
public sealed class HealthTests(EdgeFixture fixture)
{
    [Fact]
    public async Task Check_WithoutToken_IsServing()
    {
        var response = await new Health.HealthClient(fixture.Channel).CheckAsync(new HealthCheckRequest(), EdgeFixture.WithToken(null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_WithoutToken_ListsEveryRoutingService()
    {
        using var call = new ServerReflection.ServerReflectionClient(fixture.Channel).ServerReflectionInfo(EdgeFixture.WithToken(null));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        var response = await StreamAssert.Next(call.ResponseStream);
        await call.RequestStream.CompleteAsync();

        var services = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Superset(
            new HashSet<string>(["routing.v1.AgentService", "routing.v1.InteractionService", "routing.v1.SupervisorService", "routing.v1.AdminService", "grpc.health.v1.Health"]),
            services.ToHashSet());
    }
}
