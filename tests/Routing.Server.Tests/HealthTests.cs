using Grpc.Core;
using Grpc.Health.V1;
using Routing.Server.Probes;
using Routing.Server.Tests.Readiness;
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

    [Theory]
    [InlineData(ServerHealthChecks.ReadinessService)]
    [InlineData(ServerHealthChecks.LivenessService)]
    public async Task Check_ReadinessAndLiveness_OfAJoinedSilo_AreServing(string service)
    {
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await HealthProbe.StatusAsync(fixture.Channel, service));
    }

    [Fact]
    public async Task Check_UnknownService_IsNotFound()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => HealthProbe.StatusAsync(fixture.Channel, "routing.nothing"));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
