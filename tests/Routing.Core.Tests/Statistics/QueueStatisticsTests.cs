using System.Reflection;
using Orleans;
using Routing.Core.Statistics;
using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Statistics;

public sealed class QueueStatisticsTests
{
    private static QueueStatistics Statistics(int available, int busy) => new()
    {
        QueueId = "q-1",
        At = Now,
        AgentsAvailable = available,
        AgentsBusy = busy,
        AgentsNotReady = 7,
        Rolling = new QueueIntervalStatistics(),
        Today = new QueueIntervalStatistics(),
    };

    [Fact]
    public void BusyAgentShare_BusyOverAvailablePlusBusy_NotReadyLeftOut()
    {
        Assert.Equal(0.25, Statistics(available: 3, busy: 1).BusyAgentShare);
        Assert.Equal(1.0, Statistics(available: 0, busy: 4).BusyAgentShare);
        Assert.Null(Statistics(available: 0, busy: 0).BusyAgentShare);
    }

    [Fact]
    public void EstimateAgentsNeeded_TextbookRate_TwentyNine()
    {
        // 0.1 arrivals a second, AHT 240 s: 24 Erlangs, 29 agents for 80 % in 20 s (see ErlangCTests).
        var rolling = new QueueIntervalStatistics { ArrivalsPerSecond = 0.1, AverageHandleTime = TimeSpan.FromSeconds(240) };

        Assert.Equal(29, QueueStatistics.EstimateAgentsNeeded(rolling, 0.8, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void EstimateAgentsNeeded_NothingArrived_Zero()
    {
        Assert.Equal(0, QueueStatistics.EstimateAgentsNeeded(new QueueIntervalStatistics(), 0.8, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void EstimateAgentsNeeded_HandleTimeUnknown_Null()
    {
        var rolling = new QueueIntervalStatistics { ArrivalsPerSecond = 0.1 };

        Assert.Null(QueueStatistics.EstimateAgentsNeeded(rolling, 0.8, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void EstimateAgentsNeeded_BeyondTheLimit_Null()
    {
        var rolling = new QueueIntervalStatistics { ArrivalsPerSecond = 0.1, AverageHandleTime = TimeSpan.FromSeconds(240) };

        Assert.Null(QueueStatistics.EstimateAgentsNeeded(rolling, 0.8, TimeSpan.FromSeconds(20), maxAgents: 28));
        Assert.Equal(29, QueueStatistics.EstimateAgentsNeeded(rolling, 0.8, TimeSpan.FromSeconds(20), maxAgents: 29));
    }

    [Fact]
    public void EstimateAgentsNeeded_FromARecorderWindow()
    {
        // 90 arrivals in 900 s (the recorder started 15 minutes ago) = 0.1 a second; completed
        // contacts averaging 240 s: the textbook 24 Erlangs again.
        var recorder = new QueueStatisticsRecorder(QueueStatisticsSettings.Default, Now.AddMinutes(-15));
        for (var k = 0; k < 90; k++)
        {
            recorder.Arrived(Now.AddMinutes(-15).AddSeconds(10 * k));
        }
        recorder.Completed(Now.AddMinutes(-1), TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(40));
        var rolling = recorder.Snapshot(Now.AddSeconds(5)).Rolling;
        // The window at 09:30:05 starts at 09:15:10 (bucket 89 before 09:30:00): it holds arrivals
        // 1 to 89 over 895 s.
        Assert.Equal(89, rolling.Offered);
        Assert.Equal(89.0 / 895, rolling.ArrivalsPerSecond, 12);

        // 89/895 × 240 = 23.87 Erlangs: still 29 agents (28 give SL = 0.7743 < 0.8, 29 give 0.8495).
        Assert.Equal(29, QueueStatistics.EstimateAgentsNeeded(rolling, 0.8, TimeSpan.FromSeconds(20)));
    }

    [Theory]
    [InlineData(typeof(QueueStatistics), "routing.queue-statistics")]
    [InlineData(typeof(QueueIntervalStatistics), "routing.queue-interval-statistics")]
    public void SerializableRecords_CarryOrleansAttributesWithDistinctIds(Type type, string alias)
    {
        Assert.NotNull(type.GetCustomAttribute<GenerateSerializerAttribute>());
        Assert.NotNull(type.GetCustomAttribute<ImmutableAttribute>());
        Assert.Equal(alias, type.GetCustomAttribute<AliasAttribute>()?.Alias);

        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).ToArray();
        var ids = settable.Select(p => p.GetCustomAttribute<IdAttribute>()?.Id).ToArray();
        Assert.All(settable, p => Assert.NotNull(p.GetCustomAttribute<IdAttribute>()));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
