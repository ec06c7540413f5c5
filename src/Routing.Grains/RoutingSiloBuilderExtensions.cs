using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Routing.Grains;

public static class RoutingSiloBuilderExtensions
{
    /// <summary>The grain storage provider name every routing grain keeps its state in. The host
    /// chooses the provider (memory by default) under this name.</summary>
    public const string StorageName = "routing";

    /// <summary>Registers what the routing grains need. The host adds clustering and a grain storage
    /// provider named <see cref="StorageName"/>.</summary>
    public static ISiloBuilder AddRouting(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
