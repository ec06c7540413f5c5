namespace Routing.Grains.Webhooks;

/// <summary>How delivering one event ended: delivered (a 2xx answer), or the last try's HTTP status (0 without an answer)
/// and error after <paramref name="Attempts"/> tries.</summary>
public sealed record WebhookAttempt(bool Delivered, int Attempts, int Status, string Error);
