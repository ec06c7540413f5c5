namespace Routing.Benchmarks;

/// <summary>The stored state of a <see cref="FloorGrain"/>: small, so that its read measures the storage call rather
/// than serialisation.</summary>
[GenerateSerializer, Alias("FloorState")]
public sealed class FloorState
{
    [Id(0)]
    public int Value { get; set; }
}
