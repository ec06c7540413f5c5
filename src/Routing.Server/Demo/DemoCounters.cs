using Routing.Abstractions.Interactions;

namespace Routing.Server.Demo;

/// <summary>What the demo has seen so far; updated from many tasks at once.</summary>
internal sealed class DemoCounters
{
    private long _created;
    private long _connected;
    private long _completed;
    private long _abandoned;
    private long _rejected;
    private long _timedOut;

    public long Created => Interlocked.Read(ref _created);
    public long Connected => Interlocked.Read(ref _connected);
    public long Completed => Interlocked.Read(ref _completed);
    public long Abandoned => Interlocked.Read(ref _abandoned);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long TimedOut => Interlocked.Read(ref _timedOut);

    public void OnCreated() => Interlocked.Increment(ref _created);
    public void OnConnected() => Interlocked.Increment(ref _connected);
    public void OnCompleted() => Interlocked.Increment(ref _completed);
    public void OnAbandoned() => Interlocked.Increment(ref _abandoned);

    /// <summary>Counts offers as the agents' apps were told they ended.</summary>
    public void OnOfferEnded(OfferOutcome outcome)
    {
        if (outcome == OfferOutcome.Rejected)
        {
            Interlocked.Increment(ref _rejected);
        }
        else if (outcome == OfferOutcome.TimedOut)
        {
            Interlocked.Increment(ref _timedOut);
        }
    }
}
