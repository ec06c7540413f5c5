using Routing.Grains.Webhooks;

namespace Routing.Server.Edge.Webhooks;

internal static class WebhookEdgeServiceCollectionExtensions
{
    /// <summary>Webhook subscriptions and their delivery: the options and sender the delivery grains use, and the pumps
    /// started at start-up (register after the silo, so grain calls work).</summary>
    public static IServiceCollection AddWebhookEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRoutingWebhooks(configuration);
        services.AddHostedService<WebhookPumpStarter>();
        return services;
    }
}
