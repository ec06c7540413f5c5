namespace Routing.Abstractions.Webhooks;

/// <summary>
/// Delivers one webhook subscription (key: tenant and subscription id, <see cref="GrainKeys.Compose"/>): the one pump of
/// the cluster that POSTs the tenant's feed to the subscription's URL, in order, from the position it stored. A
/// reminder wakes it again after a silo is lost; the server starts every stored subscription's pump when it starts.
/// </summary>
[Alias("routing.webhook-delivery")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Starts delivering (idempotent); the subscription must be stored first.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>Stops delivering for good (the subscription was deleted): drops the reminder.</summary>
    [Alias("Stop")]
    Task Stop();

    /// <summary>Delivers the subscription's dead letters again, in the background, in position order: each one delivered is
    /// removed, each one that fails again stays with its new attempts and error. Returns how many it will try.</summary>
    [Alias("ReplayDeadLetters")]
    Task<int> ReplayDeadLetters();
}
