using Routing.Client.Agents;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Client;

/// <summary>Awaits events of a Routing.Client agent session with a timeout that fails the test.</summary>
public static class SessionEvents
{
    /// <summary>The next event of type <typeparamref name="T"/> that matches, skipping others.</summary>
    public static async Task<T> Until<T>(AgentSession session, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : AgentSessionEvent
    {
        ArgumentNullException.ThrowIfNull(session);
        using var cts = new CancellationTokenSource(timeout ?? StreamAssert.DefaultTimeout);
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(cts.Token))
            {
                if (e is T hit && (match is null || match(hit)))
                {
                    return hit;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Assert.Fail($"no {typeof(T).Name} within {timeout ?? StreamAssert.DefaultTimeout}");
        }
        Assert.Fail($"the session closed before a {typeof(T).Name} came");
        return null!;
    }

    /// <summary>Awaits the offer of <paramref name="interactionId"/>, rejecting offers of other interactions
    /// (left in the shared test queue by other tests).</summary>
    public static async Task<OfferReceived> OfferOf(AgentSession session, string interactionId)
    {
        ArgumentNullException.ThrowIfNull(session);
        while (true)
        {
            var offer = await Until<OfferReceived>(session);
            if (offer.Offer.InteractionId == interactionId)
            {
                return offer;
            }
            await session.RejectAsync(offer.Offer.InteractionId, TestContext.Current.CancellationToken);
        }
    }
}
