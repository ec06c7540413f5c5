using Microsoft.Extensions.Options;
using Routing.History;

namespace Routing.Server.Edge.Events;

internal static class EventFeedEdgeServiceCollectionExtensions
{
    /// <summary>The event feed service's needs: the history store (which keeps the feed) and its options.</summary>
    public static IServiceCollection AddEventFeedEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRoutingHistoryStore(configuration);
        services.AddOptions<EventFeedOptions>().Bind(configuration.GetSection(EventFeedOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventFeedOptions>, EventFeedOptionsValidator>();
        services.AddSingleton<FeedStoreAccess>();
        return services;
    }
}
