using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Routing.Grains.History;
using Routing.Grains.Recovery;
using Routing.Grains.Telemetry;
using Routing.History;

namespace Routing.Grains;

public static class RoutingSiloBuilderExtensions
{
    /// <summary>The grain storage provider name every routing grain keeps its state in. The host
    /// chooses the provider (memory by default) under this name.</summary>
    public const string StorageName = "routing";

    /// <summary>Registers what the routing grains need. The host adds clustering and a grain storage
    /// provider named <see cref="StorageName"/>. Recovery timings bind from <see cref="RoutingGrainOptions.Section"/>
    /// when the host has configuration, and are validated at start-up.</summary>
    public static ISiloBuilder AddRouting(this ISiloBuilder builder, Action<RoutingGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Grain state in Orleans' own binary format, not Orleans' default Newtonsoft JSON: profiling the
        // stress test showed JSON serialisation of state writes taking about half the grains' CPU time.
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        var options = builder.Services.AddOptions<RoutingGrainOptions>().BindConfiguration(RoutingGrainOptions.Section).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingGrainOptions>, RoutingGrainOptionsValidator>());
        builder.Services.TryAddSingleton<SiloLossSignal>();
        // The routing metrics (README "Metrics and traces"); cheap while no exporter listens.
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<RoutingGrainMetrics>();
        // The history store when the host keeps one (AddRoutingHistory, registered before the silo); else none.
        builder.Services.TryAddSingleton(services => new GrainHistory(services.GetService<IHistoryRecorder>()));
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloLossRecovery>();
        return builder;
    }
}
