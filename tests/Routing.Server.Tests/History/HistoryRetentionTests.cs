using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Routing.Abstractions;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.History;

/// <summary>The daily purge: the tenant's retention period schedules its reminder, and a tick deletes what is older.</summary>
[Collection(HistoryCollection.Name)]
public sealed class HistoryRetentionTests(HistoryFixture fixture)
{
    /// <summary>The retention grain's reminder (HistoryRetentionGrain.PurgeReminder).</summary>
    private const string PurgeReminder = "history-purge";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RetentionPeriod_SchedulesTheDailyPurge_AndZeroStopsIt()
    {
        var tenant = await fixture.NewTenantAsync($"h-{Guid.NewGuid():N}"[..20], configuration => configuration.HistoryRetentionDays = 90);

        Assert.NotNull(await PurgeReminderAsync(tenant));
        Assert.Equal(90, await fixture.Grains.HistoryRetention(tenant).GetRetentionDays());

        await fixture.NewTenantAsync(tenant, configuration => configuration.HistoryRetentionDays = 0);

        Assert.Null(await PurgeReminderAsync(tenant));
    }

    /// <summary>Waits for the reminder's first tick (a minute after the period is set: reminders tick at most once a minute).</summary>
    [Fact, Trait("Category", "Slow")]
    public async Task DailyPurge_FirstTick_DeletesWhatIsOlderThanTheRetention_AndKeepsTheRest()
    {
        var tenant = $"h-{Guid.NewGuid():N}"[..20];
        var now = DateTimeOffset.UtcNow;
        await fixture.Store.WriteAsync(new Routing.History.HistoryBatch(
        [
            Interaction(tenant, "old", now.AddDays(-40)),
            Interaction(tenant, "recent", now.AddDays(-10)),
        ]), Cancel);

        await fixture.NewTenantAsync(tenant, configuration => configuration.HistoryRetentionDays = 30);

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await fixture.Store.FindInteractionAsync(tenant, "old", Cancel) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the daily purge did not run within three minutes of the retention being set");
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        }
        Assert.NotNull(await fixture.Store.FindInteractionAsync(tenant, "recent", Cancel));
    }

    private async Task<ReminderEntry?> PurgeReminderAsync(string tenant)
    {
        var grainId = ((GrainReference)fixture.Grains.HistoryRetention(tenant)).GrainId;
        var table = fixture.Services.GetRequiredService<IReminderTable>();
        return (await table.ReadRows(grainId)).Reminders.SingleOrDefault(reminder => reminder.ReminderName == PurgeReminder);
    }

    private static Routing.History.InteractionRecord Interaction(string tenant, string id, DateTimeOffset arrivedAt) => new()
    {
        TenantId = tenant, InteractionId = id, Version = 1, Channel = Core.Channel.Voice, State = Core.InteractionStatus.Abandoned, QueueId = "care", ArrivedAt = arrivedAt,
    };
}
