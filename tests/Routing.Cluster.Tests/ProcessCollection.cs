namespace Routing.Cluster.Tests;

/// <summary>Tests that start silo processes run one at a time: each needs the machine's cores to itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "silo processes";
}
