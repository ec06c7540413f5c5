using Microsoft.Extensions.Options;

namespace Routing.Server.Edge.Agents;

/// <summary>Registers the agents' session stream (<see cref="AgentEdgeService"/>).</summary>
public static class AgentEdgeServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="AgentEdgeOptions"/> at start-up and runs the sessions' renewals
    /// (<see cref="SessionRenewalSchedule"/>). Map the service with
    /// <c>app.MapGrpcService&lt;AgentEdgeService&gt;()</c>.</summary>
    public static IServiceCollection AddAgentEdge(this IServiceCollection services)
    {
        services.AddOptions<AgentEdgeOptions>()
            .BindConfiguration(AgentEdgeOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentEdgeOptions>, AgentEdgeOptionsValidator>();
        services.AddSingleton<SessionRenewalSchedule>();
        services.AddHostedService(provider => provider.GetRequiredService<SessionRenewalSchedule>());
        return services;
    }
}
