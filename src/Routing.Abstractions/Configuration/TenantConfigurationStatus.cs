namespace Routing.Abstractions.Configuration;

/// <summary>A tenant's configuration as stored, and whether it is fully in force.</summary>
/// <param name="Configuration">The newest configuration: the one being applied (or whose apply was
/// interrupted) while <paramref name="ApplyPending"/>, else the one last applied; null before the first.</param>
/// <param name="ApplyPending">True while an apply of <paramref name="Configuration"/> runs, or after one was
/// interrupted: some queues and agents may still have the earlier configuration. Applying it again completes it.</param>
[GenerateSerializer, Immutable, Alias("routing.tenant-configuration-status")]
public sealed record TenantConfigurationStatus(
    [property: Id(0)] TenantConfiguration? Configuration,
    [property: Id(1)] bool ApplyPending);
