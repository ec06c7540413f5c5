namespace Routing.SipGateway.Tests.Infrastructure;

/// <summary>One server and gateway for every gateway test; the tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
