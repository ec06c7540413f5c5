using Grpc.Health.V1;
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
}
