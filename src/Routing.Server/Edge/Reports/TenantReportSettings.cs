using Routing.Abstractions.Configuration;
using Routing.History.PersonalData;
using Routing.History.Reports;
using Routing.Server.History;

namespace Routing.Server.Edge.Reports;

/// <summary>What the reports take from the tenant's configuration: its time zone (UTC when it has none, or one this
/// machine does not know), each queue's thresholds and its personal data policy (masking when it has none).</summary>
internal sealed record TenantReportSettings(TimeZoneInfo Zone, IReadOnlyDictionary<string, QueueThresholds> Thresholds, PersonalDataRules PersonalData)
{
    public static TenantReportSettings From(TenantConfiguration? configuration)
    {
        var zone = TimeZoneInfo.Utc;
        if (configuration is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(configuration.TimeZone, out zone))
        {
            zone = TimeZoneInfo.Utc;
        }
        var thresholds = (configuration?.Queues ?? []).ToDictionary(
            queue => queue.QueueId, queue => new QueueThresholds(queue.ServiceLevelThreshold, queue.ShortAbandonThreshold), StringComparer.Ordinal);
        return new TenantReportSettings(zone!, thresholds, configuration?.PersonalData.ToRules() ?? PersonalDataRules.Default);
    }
}
