using Routing.Abstractions.Configuration;

namespace Routing.Grains.Tenants;

/// <summary>The tenant grain's stored state.</summary>
[GenerateSerializer, Alias("routing.tenant-state")]
public sealed class TenantState
{
    /// <summary>The configuration last applied completely.</summary>
    [Id(0)] public TenantConfiguration? Configuration { get; set; }
    /// <summary>A configuration whose apply began but has not completed (it is running, or it was interrupted
    /// and some queues and agents have it while others do not); applying it again completes it.</summary>
    [Id(1)] public TenantConfiguration? Applying { get; set; }
}
