namespace Routing.Server.Tests.Infrastructure;

/// <summary>One <see cref="SlowRefillEdgeFixture"/> server for every test class marked <c>[Collection(SlowRefillCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class SlowRefillCollection : ICollectionFixture<SlowRefillEdgeFixture>
{
    public const string Name = "slow-refill";
}
