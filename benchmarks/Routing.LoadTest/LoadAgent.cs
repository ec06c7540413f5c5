using Grpc.Core;
using Routing.Client.Agents;

namespace Routing.LoadTest;

/// <summary>A simulated agent app on its own agent stream: made ready before the arrivals start, then
/// answers offers after the answer delay, talks, ends, wraps up and completes.</summary>
internal sealed class LoadAgent(string agentId, AgentSession session, LoadSettings settings, Func<Measurements> current)
{
    public Task ReadyAsync(CancellationToken stop) => session.SetReadyAsync(stop);

    public async Task RunAsync(CancellationToken stop)
    {
        var work = new List<Task>();
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(stop))
            {
                var measurements = current();
                switch (e)
                {
                    case OfferReceived offer:
                        measurements.Offered(offer.Offer.InteractionId, agentId, offer.Offer.Attempt);
                        work.Add(HandleAsync(offer.Offer.InteractionId));
                        break;
                    case OfferClosed closed:
                        measurements.RingEnded(closed.InteractionId, agentId);
                        break;
                }
                work.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over; calls in hand finish below.
        }
        await Task.WhenAll(work);
    }

    private async Task HandleAsync(string interactionId)
    {
        var measurements = current();
        try
        {
            await Task.Delay(settings.AnswerDelay);
            // Ringing ends when the agent answers, whatever the answer's outcome.
            measurements.RingEnded(interactionId, agentId);
            await session.AcceptAsync(interactionId);
            measurements.Accepted(interactionId);
            await Task.Delay(settings.TalkTime);
            await session.EndAsync(interactionId);
            await Task.Delay(settings.WrapUp);
            await session.CompleteAsync(interactionId, "load-test");
            measurements.CompletedOne();
        }
        catch (AgentCommandException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            // The caller hung up while it rang or talked: not an error of the system under test.
        }
        catch (AgentCommandException)
        {
            measurements.CommandFailed();
        }
    }
}
