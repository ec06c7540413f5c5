using Routing.Core;

namespace Routing.Grains.Telemetry;

/// <summary>
/// What one queue activation shows the <c>routing.queue.waiting</c> and <c>routing.queue.longest_wait</c> gauges: the
/// queue grain writes it as its line changes (two stores), the gauges' callbacks read it from the exporter's thread, so
/// a scrape never calls a grain. The two values may be one change apart, as any gauge read is.
/// </summary>
public sealed class QueueGauge
{
    private long _waiting;
    /// <summary>UTC ticks of the oldest entry's time in this queue; 0 when none waits.</summary>
    private long _oldestTicks;

    public QueueGauge(string tenantId, string queueId)
    {
        Tags = [new(RoutingMeter.TenantTag, tenantId), new(RoutingMeter.QueueTag, queueId)];
    }

    /// <summary>The tenant and queue attributes, made once per activation and shared by every measurement of the queue.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    public long Waiting => Volatile.Read(ref _waiting);

    /// <summary>Records the line as it stands.</summary>
    public void Set(WaitingLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Volatile.Write(ref _waiting, line.Count);
        Volatile.Write(ref _oldestTicks, line.OldestWaitingSince is { } oldest ? oldest.UtcTicks : 0);
    }

    /// <summary>Seconds the longest-waiting interaction has waited in this queue at <paramref name="now"/>; 0 when none waits.</summary>
    public double LongestWaitSeconds(DateTimeOffset now)
    {
        var oldest = Volatile.Read(ref _oldestTicks);
        return oldest == 0 || oldest >= now.UtcTicks ? 0 : (now.UtcTicks - oldest) / (double)TimeSpan.TicksPerSecond;
    }
}
