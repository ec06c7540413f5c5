namespace Routing.Sip.Transactions;

/// <summary>One named timer of a transaction (A–K), on the <see cref="TimeProvider"/> so tests can drive it with a
/// fake clock. Starting it again replaces the previous due time; stopping a timer that is not running does nothing.</summary>
internal sealed class TransactionTimer(TimeProvider time, Action fired) : IDisposable
{
    private ITimer? _timer;

    /// <summary>The interval it was last started with (the retransmission timers double it).</summary>
    public TimeSpan Interval { get; private set; }

    public void Start(TimeSpan interval)
    {
        Interval = interval;
        _timer?.Dispose();
        _timer = time.CreateTimer(static state => ((Action)state!)(), fired, interval, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    public void Dispose() => Stop();
}
