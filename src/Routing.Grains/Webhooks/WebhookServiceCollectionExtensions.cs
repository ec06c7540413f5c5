using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Routing.Grains.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>What the webhook delivery grains need besides the history store: their options (section
    /// <see cref="WebhookOptions.SectionName"/>, validated at start-up) and the sender.</summary>
    public static IServiceCollection AddRoutingWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookSender>();
        return services;
    }
}
