using Routing.Core.Statistics;
using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Statistics;

/// <summary>The counts a queue stores and a new activation goes on from (<see cref="QueueStatisticsRecorder.Export"/>,
/// <see cref="QueueStatisticsRecorder.Restore"/>).</summary>
public sealed class QueueStatisticsRestoreTests
{
    private static readonly QueueStatisticsSettings Settings = QueueStatisticsSettings.Default;

    /// <summary>Since 08:00 on the test day: two arrivals, one answer within the threshold, one abandon at 09:29.</summary>
    private static QueueStatisticsRecorder Counted()
    {
        var recorder = new QueueStatisticsRecorder(Settings, Now.AddHours(-1.5));
        recorder.Arrived(Now.AddHours(-1));
        recorder.Answered(Now.AddHours(-1), TimeSpan.FromSeconds(10));
        recorder.Completed(Now.AddMinutes(-50), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(1));
        recorder.Arrived(Now.AddMinutes(-2));
        recorder.Abandoned(Now.AddMinutes(-1), TimeSpan.FromSeconds(60));
        return recorder;
    }

    [Fact]
    public void Restore_SameDay_GoesOnWithTheDayAndTheWindowAsTheyWere()
    {
        var before = Counted();
        var expected = before.Snapshot(Now);

        var restored = QueueStatisticsRecorder.Restore(Settings, before.Export(), Now);
        restored.Arrived(Now);

        var snapshot = restored.Snapshot(Now);
        Assert.Equal(expected.Today with { Offered = 3, ArrivalsPerSecond = snapshot.Today.ArrivalsPerSecond }, snapshot.Today);
        Assert.Equal((2, 0, 1), (snapshot.Rolling.Offered, snapshot.Rolling.Answered, snapshot.Rolling.Abandoned));
        // Rates still run from when counting began, not from the restore.
        Assert.Equal(expected.Today.Since, snapshot.Today.Since);
        Assert.Equal(TimeSpan.FromMinutes(5), snapshot.Today.AverageHandleTime);
    }

    [Fact]
    public void Restore_TwentyMinutesLater_WindowExpiredDayKept()
    {
        var restored = QueueStatisticsRecorder.Restore(Settings, Counted().Export(), Now.AddMinutes(20));

        var snapshot = restored.Snapshot(Now.AddMinutes(20));
        Assert.Equal(0, snapshot.Rolling.Offered);
        Assert.Equal((2, 1, 1), (snapshot.Today.Offered, snapshot.Today.Answered, snapshot.Today.Abandoned));
    }

    [Fact]
    public void Restore_NextDay_StartsTheNewDayEmpty()
    {
        var restored = QueueStatisticsRecorder.Restore(Settings, Counted().Export(), Now.AddDays(1));

        var snapshot = restored.Snapshot(Now.AddDays(1));
        Assert.Equal((0, 0), (snapshot.Today.Offered, snapshot.Rolling.Offered));
    }

    [Fact]
    public void Restore_ThresholdChangedMeanwhile_StartsAfresh()
    {
        var changed = Settings with { ServiceLevelThreshold = TimeSpan.FromSeconds(5) };

        var restored = QueueStatisticsRecorder.Restore(changed, Counted().Export(), Now);

        var snapshot = restored.Snapshot(Now);
        Assert.Equal(0, snapshot.Today.Offered);
        Assert.Equal(Now, snapshot.Today.Since);
    }

    [Fact]
    public void Restore_NothingStored_StartsAtNow()
    {
        var snapshot = QueueStatisticsRecorder.Restore(Settings, null, Now).Snapshot(Now);

        Assert.Equal((0, Now), (snapshot.Today.Offered, snapshot.Today.Since));
    }
}
