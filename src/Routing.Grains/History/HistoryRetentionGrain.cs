using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Routing.Abstractions;
using Routing.History;

namespace Routing.Grains.History;

/// <summary>
/// One tenant's history retention. While the tenant keeps history for a limited number of days, a reminder ticks once a
/// day (on whichever silo holds the grain: once in the cluster) and each tick deletes what is older than that from every
/// history table. A reminder may miss or repeat a tick: a purge is idempotent, and the next one deletes what a missed
/// one left. A server without a history store keeps no reminder and purges nothing.
/// </summary>
internal sealed partial class HistoryRetentionGrain(
    [PersistentState("history-retention", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<HistoryRetentionState> state,
    TimeProvider time,
    IServiceProvider services,
    ILogger<HistoryRetentionGrain> logger) : Grain, IHistoryRetentionGrain, IRemindable
{
    public const string PurgeReminder = "history-purge";

    /// <summary>How often the purge runs.</summary>
    public static readonly TimeSpan PurgePeriod = TimeSpan.FromDays(1);

    /// <summary>The first purge after a retention period is set: soon (reminders' minimum), so a new period is applied
    /// the day it is configured.</summary>
    public static readonly TimeSpan FirstPurge = TimeSpan.FromMinutes(1);

    private readonly IHistoryStore? _store = services.GetService<IHistoryStore>();

    public async Task Schedule(int retentionDays)
    {
        if (retentionDays is < 0 or > Abstractions.Configuration.TenantConfiguration.MaxHistoryRetentionDays)
        {
            throw new RoutingException(RoutingError.InvalidArgument,
                $"history retention {retentionDays} days is outside 0–{Abstractions.Configuration.TenantConfiguration.MaxHistoryRetentionDays}");
        }
        if (state.State.RetentionDays != retentionDays)
        {
            state.State.RetentionDays = retentionDays;
            await state.WriteStateAsync();
        }
        if (_store is null)
        {
            return;
        }
        var reminder = await this.GetReminder(PurgeReminder);
        if (retentionDays > 0 && reminder is null)
        {
            await this.RegisterOrUpdateReminder(PurgeReminder, FirstPurge, PurgePeriod);
        }
        else if (retentionDays == 0 && reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetRetentionDays() => Task.FromResult(state.State.RetentionDays);

    public async Task<HistoryPurgeResult> Purge(DateTimeOffset before)
    {
        if (before > time.GetUtcNow())
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"a purge deletes history before a time already past; {before:O} is in the future");
        }
        if (_store is null)
        {
            return new HistoryPurgeResult { Before = before, HistoryEnabled = false };
        }
        var tenantId = this.GetPrimaryKeyString();
        var deleted = await _store.PurgeAsync(tenantId, before, CancellationToken.None);
        Purged(logger, tenantId, before, deleted.Values.Sum(), string.Join(", ", deleted.Select(pair => $"{pair.Key} {pair.Value}")));
        return new HistoryPurgeResult { Before = before, Deleted = deleted };
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PurgeReminder)
        {
            return;
        }
        if (state.State.RetentionDays == 0 || _store is null)
        {
            if (await this.GetReminder(reminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            return;
        }
        try
        {
            await Purge(time.GetUtcNow() - TimeSpan.FromDays(state.State.RetentionDays));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next tick tries again; what this one would have deleted is deleted then.
            PurgeFailed(logger, this.GetPrimaryKeyString(), exception);
        }
    }

    [LoggerMessage(140, LogLevel.Information, "History of tenant {TenantId} before {Before:O} purged: {Total} rows ({Tables})")]
    private static partial void Purged(ILogger logger, string tenantId, DateTimeOffset before, long total, string tables);

    [LoggerMessage(141, LogLevel.Warning, "The daily history purge of tenant {TenantId} failed; the next one tries again")]
    private static partial void PurgeFailed(ILogger logger, string tenantId, Exception exception);
}

/// <summary>The retention grain's stored state.</summary>
[GenerateSerializer, Alias("routing.history-retention-state")]
public sealed class HistoryRetentionState
{
    /// <summary>Days the tenant keeps history; 0: until purged by hand.</summary>
    [Id(0)] public int RetentionDays { get; set; }
}
