namespace Routing.Server.Edge.Webhooks;

/// <summary>Which URLs a webhook may POST to: absolute http or https, no user name or password (a secret in a URL ends up
/// in logs; the body's signature authenticates instead), bounded length.</summary>
internal static class WebhookTarget
{
    public const int MaxLength = 2_000;

    public static Uri Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw EdgeRequests.InvalidArgument("target_url is required: an absolute http:// or https:// URL");
        }
        if (url.Length > MaxLength)
        {
            throw EdgeRequests.InvalidArgument($"target_url is longer than {MaxLength} characters");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            throw EdgeRequests.InvalidArgument($"target_url '{url}' is not an absolute http:// or https:// URL");
        }
        if (target.UserInfo.Length > 0)
        {
            throw EdgeRequests.InvalidArgument("target_url must not carry a user name or password: receivers check the body's signature instead");
        }
        return target;
    }
}
