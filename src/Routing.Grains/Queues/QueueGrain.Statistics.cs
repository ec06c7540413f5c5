using Orleans.Utilities;
using Routing.Abstractions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Statistics;

namespace Routing.Grains.Queues;

/// <summary>
/// Live statistics: the queue counts arrivals, answers, abandons and handle times as they happen
/// (QueueStatisticsRecorder) and pushes a snapshot to its observers at most once a second when something
/// changed, and every few seconds while contacts wait (so the longest wait keeps moving). Nothing polls.
/// </summary>
/// <remarks>The counts are stored (QueueStatisticsState) at most <see cref="StatisticsWriteWindow"/> after they change
/// and when the queue deactivates, and a new activation goes on from them: the wallboard's "today" and rolling window
/// survive a reactivation whole, and the loss of the queue's silo losing at most that window's counts.</remarks>
internal sealed partial class QueueGrain
{
    /// <summary>How often observers hear of changes, at most.</summary>
    private static readonly TimeSpan PublishPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How often observers hear from a queue with contacts waiting even when nothing else changed.</summary>
    private static readonly TimeSpan WaitingRefresh = TimeSpan.FromSeconds(5);

    /// <summary>How long after a change the counts are stored: what a killed silo can lose of them, against one
    /// small write per window for a busy queue.</summary>
    private static readonly TimeSpan StatisticsWriteWindow = TimeSpan.FromSeconds(5);

    private ObserverManager<IQueueObserver>? _queueObservers;
    private QueueStatisticsRecorder? _statistics;
    private IGrainTimer? _publishTimer;
    private bool _statisticsDirty;
    private DateTimeOffset _lastPublished;

    public Task<QueueStatistics> GetStatistics() => Task.FromResult(Statistics());

    public Task InteractionCompleted(TimeSpan talk, TimeSpan wrapUp)
    {
        _statistics?.Completed(Now, talk, wrapUp, Now);
        StatisticsChanged();
        return Task.CompletedTask;
    }

    public Task Subscribe(IQueueObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        RequireDefinition();
        Observers.Subscribe(observer, observer);
        _publishTimer ??= this.RegisterGrainTimer(
            static (grain, _) => grain.PublishStatisticsAsync(),
            this,
            new GrainTimerCreationOptions(PublishPeriod, PublishPeriod) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IQueueObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private ObserverManager<IQueueObserver> Observers => _queueObservers ??= new ObserverManager<IQueueObserver>(ObserverLease.Duration, _logger);

    /// <summary>The tenant's time zone (for the statistics' day and business hours), looked up once per configuration.</summary>
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    /// <summary>(Re)creates the recorder for the current definition and time zone (on activation from the stored counts); counts so far are kept
    /// only when the thresholds and zone did not change.</summary>
    private void ConfigureStatistics()
    {
        var definition = State.Definition!;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(State.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        var settings = new QueueStatisticsSettings
        {
            ServiceLevelThreshold = definition.ServiceLevelThreshold,
            ShortAbandonThreshold = definition.ShortAbandonThreshold,
            TimeZone = _zone,
        };
        if (_statistics is null)
        {
            _statistics = QueueStatisticsRecorder.Restore(settings, _storedStatistics.State.Counts, Now);
        }
        else if (_statistics.Settings != settings)
        {
            _statistics = new QueueStatisticsRecorder(settings, Now);
            StatisticsChanged();
        }
    }

    /// <summary>Counts a contact leaving the line, its wait counted from <paramref name="waitingSince"/>
    /// (when it entered this queue).</summary>
    private void RecordExit(QueueExit exit, DateTimeOffset waitingSince)
    {
        var now = Now;
        var waited = now - waitingSince;
        CountExit(exit);
        switch (exit)
        {
            case QueueExit.Answered:
                _statistics?.Answered(now, waited, now);
                break;
            case QueueExit.Abandoned:
                _statistics?.Abandoned(now, waited, now);
                break;
            case QueueExit.Moved or QueueExit.Overflowed:
                _statistics?.Overflowed(now, waited, now);
                break;
            default:
                break;
        }
        StatisticsChanged();
    }

    private void StatisticsChanged()
    {
        _statisticsDirty = true;
        _statisticsWriter.Schedule();
    }

    private Task PublishStatisticsAsync()
    {
        if (_queueObservers is not { Count: > 0 })
        {
            _publishTimer?.Dispose();
            _publishTimer = null;
            return Task.CompletedTask;
        }
        var now = Now;
        if (_statisticsDirty || (Line.Count > 0 && now - _lastPublished >= WaitingRefresh))
        {
            _statisticsDirty = false;
            _lastPublished = now;
            var statistics = Statistics();
            _queueObservers.Notify(o => o.OnStatistics(statistics));
        }
        return Task.CompletedTask;
    }

    private QueueStatistics Statistics()
    {
        var definition = RequireDefinition();
        var now = Now;
        // A configured queue always has its recorder (ConfigureStatistics runs on activation and Configure).
        var intervals = _statistics!.Snapshot(now);
        int available = 0, busy = 0, notReady = 0;
        foreach (var agent in _work.MemberStates)
        {
            if (agent.Occupancy > 0)
            {
                busy++;
            }
            else if (agent.Presence == Presence.Available)
            {
                available++;
            }
            else if (agent.Presence == Presence.NotReady)
            {
                notReady++;
            }
        }
        var oldest = Line.OldestWaitingSince;
        return new QueueStatistics
        {
            QueueId = _queueId,
            At = now,
            Waiting = Line.Count,
            LongestWait = oldest is { } first && first < now ? now - first : TimeSpan.Zero,
            AgentsAvailable = available,
            AgentsBusy = busy,
            AgentsNotReady = notReady,
            Rolling = intervals.Rolling,
            Today = intervals.Today,
            EstimatedWait = EstimatedWait.ForNewArrival(Line.Count, available + busy, intervals.Rolling.AverageHandleTime, intervals.Rolling.AverageSpeedOfAnswer),
            AgentsNeeded = QueueStatistics.EstimateAgentsNeeded(intervals.Rolling, definition.ServiceLevelTarget, definition.ServiceLevelThreshold),
            ServiceLevelTarget = definition.ServiceLevelTarget,
            ServiceLevelThreshold = definition.ServiceLevelThreshold,
        };
    }
}
