namespace Routing.Server.Tests.Infrastructure;

/// <summary>One three-server cluster for every test class marked <c>[Collection(ClusterCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
