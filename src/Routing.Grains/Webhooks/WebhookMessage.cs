using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Routing.History.Feed;

namespace Routing.Grains.Webhooks;

/// <summary>A feed event as a CloudEvents 1.0 message in structured JSON mode (<c>application/cloudevents+json</c>):
/// id = the position (what a receiver deduplicates on; the same on every retry), source = the tenant, type, subject and
/// time of the event, data = its JSON object.</summary>
internal static class WebhookMessage
{
    public const string ContentType = "application/cloudevents+json";

    private static readonly JsonEventFormatter Formatter = new();

    public static string IdOf(FeedEvent stored) => stored.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Encode(FeedEvent stored)
    {
        using var data = JsonDocument.Parse(stored.Data);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = IdOf(stored),
            Source = new Uri($"/routing/tenants/{Uri.EscapeDataString(stored.TenantId)}", UriKind.Relative),
            Type = stored.Type,
            Subject = stored.Subject,
            Time = stored.At,
            DataContentType = MediaTypeNames.Application.Json,
            Data = data.RootElement.Clone(),
        };
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
    }
}
