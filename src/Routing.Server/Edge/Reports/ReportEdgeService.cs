using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Abstractions;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.History;
using Routing.History.PersonalData;
using Routing.History.Reports;
using Core = Routing.Core;

namespace Routing.Server.Edge.Reports;

/// <summary>report.proto: reports and searches over the history store, for supervisors and admins, always of the
/// caller's own tenant. Input is checked before anything is read; a refused request reads and changes nothing. Personal
/// data (customer numbers, personal attributes, protected customer ids) is masked unless the caller's token carries the
/// <see cref="EdgePermissions.PersonalDataRead"/> permission.</summary>
[Authorize]
public sealed class ReportEdgeService(
    IHistoryReports reports, IGrainFactory grainFactory, TimeProvider clock, PersonalDataReader personalData, PersonalDataKeyRing keys, ILogger<ReportEdgeService> logger)
    : ReportService.ReportServiceBase
{
    /// <summary>Most queue ids one report may name.</summary>
    public const int MaxQueueIds = 100;

    /// <summary>Most agent ids one report may name.</summary>
    public const int MaxAgentIds = 1_000;

    /// <summary>Most interval rows one queue report may hold (intervals in the range × queues), to keep answers small.</summary>
    public const int MaxIntervalRows = 20_000;

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override async Task<Contracts.V1.QueueReport> GetQueueReport(QueueReportRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var length = request.IntervalMinutes == 0 ? 15 : request.IntervalMinutes;
        if (!QueueReportQuery.IntervalMinutes.Contains(length))
        {
            throw EdgeRequests.InvalidArgument($"interval_minutes {request.IntervalMinutes} is not 15, 30 or 60 (0 means 15)");
        }
        var queueIds = Ids("queue", request.QueueIds, MaxQueueIds);
        var serviceLevel = Threshold(request.ServiceLevelThreshold, "service_level_threshold");
        var shortAbandon = Threshold(request.ShortAbandonThreshold, "short_abandon_threshold");
        var settings = await SettingsAsync(caller);
        var (from, to) = ReportRange.Read(request.Range, settings.Zone, ReportRange.MaxReport);
        var intervals = (long)Math.Ceiling((to - from).TotalMinutes / length) + 1;
        var queues = queueIds.Length > 0 ? queueIds.Length : Math.Max(1, settings.Thresholds.Count);
        if (intervals * queues > MaxIntervalRows)
        {
            throw EdgeRequests.InvalidArgument(
                $"{intervals} intervals × {queues} queues would be more than {MaxIntervalRows} rows: shorten the range, name fewer queues or use longer intervals");
        }
        var thresholds = settings.Thresholds.ToDictionary(
            pair => pair.Key, pair => new QueueThresholds(serviceLevel ?? pair.Value.ServiceLevel, shortAbandon ?? pair.Value.ShortAbandon), StringComparer.Ordinal);
        var query = new QueueReportQuery
        {
            TenantId = caller.TenantId, From = from, To = to, IntervalLength = TimeSpan.FromMinutes(length), TimeZone = settings.Zone, QueueIds = queueIds,
            Thresholds = thresholds,
            DefaultThresholds = new QueueThresholds(serviceLevel ?? QueueThresholds.Default.ServiceLevel, shortAbandon ?? QueueThresholds.Default.ShortAbandon),
        };
        var report = await ReadAsync("queue", caller, () => reports.QueueReportAsync(query, context.CancellationToken));
        return report.ToProto(query);
    }

    public override async Task<Contracts.V1.AgentReport> GetAgentReport(AgentReportRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var agentIds = Ids("agent", request.AgentIds, MaxAgentIds);
        var settings = await SettingsAsync(caller);
        var (from, to) = ReportRange.Read(request.Range, settings.Zone, ReportRange.MaxReport);
        var query = new AgentReportQuery { TenantId = caller.TenantId, From = from, To = to, Now = clock.GetUtcNow(), TimeZone = settings.Zone, AgentIds = agentIds };
        var report = await ReadAsync("agent", caller, () => reports.AgentReportAsync(query, context.CancellationToken));
        return report.ToProto(settings.Zone);
    }

    public override async Task<DispositionReport> GetDispositionReport(DispositionReportRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var queueIds = Ids("queue", request.QueueIds, MaxQueueIds);
        var settings = await SettingsAsync(caller);
        var (from, to) = ReportRange.Read(request.Range, settings.Zone, ReportRange.MaxReport);
        var query = new DispositionQuery { TenantId = caller.TenantId, From = from, To = to, QueueIds = queueIds };
        var rows = await ReadAsync("disposition", caller, () => reports.DispositionReportAsync(query, context.CancellationToken));
        var proto = new DispositionReport();
        proto.Rows.AddRange(rows.Select(row => row.ToProto()));
        return proto;
    }

    public override async Task<SearchInteractionsResponse> SearchInteractions(SearchInteractionsRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw EdgeRequests.InvalidArgument($"page_size {request.PageSize} is outside 1–{MaxPageSize} (0 means {DefaultPageSize})");
        }
        SearchPosition? after = null;
        if (request.PageToken.Length > 0 && !SearchPosition.TryParse(request.PageToken, out after))
        {
            throw EdgeRequests.InvalidArgument("page_token is not a token this service returned: pass next_page_token as it came, or nothing for the first page");
        }
        var state = request.State == InteractionStatus.Unspecified ? (Core.InteractionStatus?)null
            : Enum.IsDefined((Core.InteractionStatus)request.State) ? (Core.InteractionStatus)request.State
            : throw EdgeRequests.InvalidArgument($"state {(int)request.State} is not an interaction state");
        var customerId = OptionalId("customer", request.CustomerId);
        var customerNumber = OptionalNumber(request.CustomerNumber);
        var permitted = caller.HasPermission(EdgePermissions.PersonalDataRead);
        if (customerNumber is not null && !permitted)
        {
            throw PersonalDataDenied("searching by customer_number");
        }
        var settings = await SettingsAsync(caller);
        var protectsCustomerId = settings.PersonalData.ProtectCustomerId;
        if (customerId is not null && protectsCustomerId && !permitted)
        {
            throw PersonalDataDenied($"tenant '{caller.TenantId}' protects customer ids: searching by customer_id");
        }
        var (from, to) = ReportRange.Read(request.Range, settings.Zone, ReportRange.MaxSearch);
        var tenantKeys = keys.KeysOf(caller.TenantId);
        if (customerNumber is not null && tenantKeys.Count == 0 && settings.PersonalData.Mode != Core.PersonalDataMode.Plain)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"tenant '{caller.TenantId}' keeps customer numbers masked and the server has no key for it ({PersonalDataOptions.SectionName}:Keys:{caller.TenantId}), "
                + "so numbers cannot be searched: add a key to every server (numbers stored from then on can be searched)"));
        }
        var search = new InteractionSearch
        {
            TenantId = caller.TenantId,
            From = from,
            To = to,
            QueueId = OptionalId("queue", request.QueueId),
            AgentId = OptionalId("agent", request.AgentId),
            CustomerId = customerId,
            CustomerIdHashes = customerId is not null && protectsCustomerId ? PersonalDataHash.Candidates(tenantKeys, caller.TenantId, customerId) : null,
            CustomerNumberHashes = customerNumber is null ? null : PersonalDataHash.Candidates(tenantKeys, caller.TenantId, customerNumber),
            DispositionCode = OptionalId("disposition", request.DispositionCode),
            State = state,
            PageSize = pageSize,
            After = after,
        };
        var page = await ReadAsync("search", caller, () => reports.SearchAsync(search, context.CancellationToken));
        var response = new SearchInteractionsResponse { NextPageToken = page.Next?.ToToken() ?? string.Empty };
        response.Interactions.AddRange(page.Interactions.Select(interaction => personalData.Read(interaction, settings.PersonalData, permitted).ToProto(permitted)));
        return response;
    }

    public override async Task<Contracts.V1.InteractionTimeline> GetInteractionTimeline(GetInteractionTimelineRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var interactionId = EdgeRequests.RequireId("interaction", request.InteractionId);
        var timeline = await ReadAsync("timeline", caller, () => reports.TimelineAsync(caller.TenantId, interactionId, context.CancellationToken))
            ?? throw EdgeRequests.NotFound($"interaction '{interactionId}' is not in the history of tenant '{caller.TenantId}'");
        var permitted = caller.HasPermission(EdgePermissions.PersonalDataRead);
        var settings = await SettingsAsync(caller);
        var proto = new Contracts.V1.InteractionTimeline { Interaction = personalData.Read(timeline.Interaction, settings.PersonalData, permitted).ToProto(permitted) };
        proto.Events.AddRange(timeline.Events.Select(stored => personalData.Read(stored, permitted).ToProto()));
        return proto;
    }

    private async Task<TenantReportSettings> SettingsAsync(EdgeCaller caller) =>
        TenantReportSettings.From(await grainFactory.Tenant(caller.TenantId).GetConfiguration());

    /// <summary>Runs a store read; a database that cannot be reached or read is Unavailable, logged once.</summary>
    private async Task<T> ReadAsync<T>(string report, EdgeCaller caller, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is DbException or Routing.History.Storage.HistoryMigrationException or TimeoutException)
        {
            ReportEdgeLog.HistoryUnreadable(logger, report, caller.TenantId, exception);
            throw new RpcException(new Status(StatusCode.Unavailable, "the history store cannot be read now; try again later"));
        }
    }

    private static string[] Ids(string kind, IReadOnlyCollection<string> ids, int max)
    {
        if (ids.Count > max)
        {
            throw EdgeRequests.InvalidArgument($"at most {max} {kind} ids per report; leave the list empty for every {kind}");
        }
        return [.. ids.Select(id => EdgeRequests.RequireId(kind, id)).Distinct(StringComparer.Ordinal)];
    }

    private static string? OptionalId(string kind, string id) => id.Length == 0 ? null : EdgeRequests.RequireId(kind, id);

    private static string? OptionalNumber(string number) => number.Length == 0 ? null
        : number.Length <= Abstractions.Interactions.InteractionSpec.MaxTextLength && !number.Any(char.IsControl) && !string.IsNullOrWhiteSpace(number) ? number
        : throw EdgeRequests.InvalidArgument($"customer_number must be 1–{Abstractions.Interactions.InteractionSpec.MaxTextLength} printable characters");

    private static RpcException PersonalDataDenied(string what) => EdgeRequests.PermissionDenied(
        $"{what} needs the permission '{EdgePermissions.PersonalDataRead}' (a '{EdgeClaims.Permission}' claim in the token); without it personal data is shown masked only");

    private static TimeSpan? Threshold(Google.Protobuf.WellKnownTypes.Duration? duration, string field) =>
        Mapping.ProtoTime.ToSpan(duration, field) is not { } span ? null
            : span >= TimeSpan.Zero && span <= TimeSpan.FromHours(24) ? span
            : throw EdgeRequests.InvalidArgument($"{field} must be between 0 and 24 hours");

    private static EdgeCaller Caller(ServerCallContext context) =>
        EdgeCaller.From(context).Require(EdgeRoles.Supervisor, EdgeRoles.Admin);
}
