namespace Routing.Server.Tests.Infrastructure;

/// <summary>One server for every edge test class: mark them <c>[Collection(EdgeCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EdgeFixture>
{
    public const string Name = "edge";
}
