using Routing.Abstractions.Configuration;

namespace Routing.Grains.Tenants;

/// <summary>The tenant grain's stored state.</summary>
[GenerateSerializer, Alias("routing.tenant-state")]
public sealed class TenantState
{
    [Id(0)] public TenantConfiguration? Configuration { get; set; }
}
