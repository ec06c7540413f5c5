namespace Routing.Persistence.AzureTables.Tests.Infrastructure;

/// <summary>State written straight through the provider in the storage tests.</summary>
[GenerateSerializer, Alias("Routing.Persistence.AzureTables.Tests.BlobState")]
public sealed class BlobState
{
    [Id(0)] public string Label { get; set; } = "";
    [Id(1)] public byte[] Payload { get; set; } = [];

    public static BlobState Of(string label, int size, int seed = 1)
    {
        var payload = new byte[size];
        new Random(seed).NextBytes(payload);
        return new BlobState { Label = label, Payload = payload };
    }
}
