using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Contracts.Security;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.Reports;

/// <summary>ReportService end to end against the real server and its seeded SQLite history.</summary>
[Collection(ReportCollection.Name)]
public sealed class ReportEdgeTests(ReportFixture fixture)
{
    private readonly ReportService.ReportServiceClient _reports = new(fixture.Channel);

    private static ReportRange Day => new() { FromDate = ReportSeed.Day, ToDate = ReportSeed.Day };

    [Fact]
    public async Task QueueReport_LocalDay_CountsTheTenantsInteractionsInParisIntervals()
    {
        var report = await _reports.GetQueueReportAsync(new QueueReportRequest { Range = Day }, fixture.As("acme", "supervisor"));

        Assert.Equal("Europe/Paris", report.TimeZone);
        Assert.Contains("answered within threshold / (offered - short abandons)", report.ServiceLevelFormula, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T00:00+01:00"), report.From.ToDateTimeOffset());
        var interval = Assert.Single(report.Intervals);
        Assert.Equal("2026-11-24T09:00+01:00", interval.LocalStart);
        Assert.Equal((3L, 2L, 1L, 1L, 0L), (interval.Offered, interval.Answered, interval.AnsweredWithinThreshold, interval.ShortAbandoned, interval.Abandoned));
        Assert.Equal(0.5, report.Total.ServiceLevel);
        Assert.Equal(TimeSpan.FromSeconds(25), report.Total.AverageSpeedOfAnswer.ToTimeSpan());
        Assert.Equal(TimeSpan.FromSeconds(20), Assert.Single(report.Queues).ServiceLevelThreshold.ToTimeSpan());
    }

    [Fact]
    public async Task SearchTimelineDispositionsAgents_AnswerForTheCallersTenant()
    {
        var admin = fixture.As("acme", "admin");
        var page = await _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day, PageSize = 2 }, admin);
        Assert.Equal(["acme-3", "acme-2"], page.Interactions.Select(i => i.InteractionId));
        var rest = await _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day, PageSize = 2, PageToken = page.NextPageToken }, admin);
        Assert.Equal(["acme-1"], rest.Interactions.Select(i => i.InteractionId));
        Assert.Empty(rest.NextPageToken);

        var timeline = await _reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = "acme-1" }, admin);
        Assert.Equal([InteractionEventKind.Queued, InteractionEventKind.Offered, InteractionEventKind.Connected], timeline.Events.Select(e => e.Kind));
        Assert.Equal("ann", Assert.Single(timeline.Interaction.Legs).AgentId);

        var dispositions = await _reports.GetDispositionReportAsync(new DispositionReportRequest { Range = Day }, admin);
        Assert.Equal([("initech", "", 1L), ("initech", "no-sale", 1L), ("initech", "sold", 1L)], dispositions.Rows.Select(r => (r.Client, r.Code, r.Count)));

        var agents = await _reports.GetAgentReportAsync(new AgentReportRequest { Range = Day }, admin);
        var ann = Assert.Single(agents.Agents);
        Assert.Equal((TimeSpan.FromHours(2), 2L), (ann.LoggedIn.ToTimeSpan(), ann.Handled));
    }

    [Fact]
    public async Task OtherTenant_SeesNoneOfAcmesHistory()
    {
        var globex = fixture.As("globex", "supervisor");

        var page = await _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day }, globex);
        var timeline = await Assert.ThrowsAsync<RpcException>(() =>
            _reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = "acme-1" }, globex).ResponseAsync);

        Assert.Equal(["globex-1"], page.Interactions.Select(i => i.InteractionId));
        Assert.Equal(StatusCode.NotFound, timeline.StatusCode);
        Assert.Equal(1, (await _reports.GetQueueReportAsync(new QueueReportRequest { Range = Day }, globex)).Total.Offered);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("gateway")]
    public async Task MissingRole_PermissionDenied(string role)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _reports.GetQueueReportAsync(new QueueReportRequest { Range = Day }, fixture.As("acme", role)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("supervisor", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_Unauthenticated()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _reports.GetQueueReportAsync(new QueueReportRequest { Range = Day }, Infrastructure.EdgeFixture.WithToken(null)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    public static TheoryData<string, ReportRange?> MalformedRanges => new()
    {
        { "range is required", null },
        { "ends", new ReportRange { From = Timestamp.FromDateTimeOffset(ReportSeed.Nine), To = Timestamp.FromDateTimeOffset(ReportSeed.Nine.AddHours(-1)) } },
        { "at most 32 days", new ReportRange { FromDate = "2026-01-01", ToDate = "2026-03-01" } },
        { "not a date", new ReportRange { FromDate = "24/11/2026", ToDate = "2026-11-24" } },
        { "before range.from_date", new ReportRange { FromDate = "2026-11-24", ToDate = "2026-11-23" } },
        { "not both", new ReportRange { FromDate = "2026-11-24", ToDate = "2026-11-24", From = Timestamp.FromDateTimeOffset(ReportSeed.Nine) } },
        { "needs both", new ReportRange { From = Timestamp.FromDateTimeOffset(ReportSeed.Nine) } },
    };

    [Theory, MemberData(nameof(MalformedRanges))]
    public async Task MalformedRange_InvalidArgumentNamingTheProblem(string problem, ReportRange? range)
    {
        await AssertInvalid(problem, _reports.GetQueueReportAsync(new QueueReportRequest { Range = range }, fixture.As("acme", "supervisor")).ResponseAsync);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(-15)]
    [InlineData(120)]
    public async Task BadIntervalLength_InvalidArgument(int minutes) =>
        await AssertInvalid("interval_minutes", _reports.GetQueueReportAsync(new QueueReportRequest { Range = Day, IntervalMinutes = minutes }, fixture.As("acme", "supervisor")).ResponseAsync);

    [Fact]
    public async Task TooManyRows_InvalidArgument()
    {
        var request = new QueueReportRequest { Range = new ReportRange { FromDate = "2026-11-01", ToDate = "2026-11-30" } };
        request.QueueIds.AddRange(Enumerable.Range(0, 20).Select(i => $"q{i}"));
        await AssertInvalid("rows", _reports.GetQueueReportAsync(request, fixture.As("acme", "supervisor")).ResponseAsync);
    }

    [Theory]
    [InlineData(501, "")]
    [InlineData(-1, "")]
    [InlineData(10, "not-a-token")]
    public async Task OversizedPageOrBadToken_InvalidArgument(int pageSize, string token) =>
        await AssertInvalid(token.Length > 0 ? "page_token" : "page_size",
            _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day, PageSize = pageSize, PageToken = token }, fixture.As("acme", "supervisor")).ResponseAsync);

    [Fact]
    public async Task OtherTenantsInteraction_NotFoundExactlyAsAnUnknownOne()
    {
        var globex = fixture.As("globex", "supervisor");

        var acmes = await Assert.ThrowsAsync<RpcException>(() => _reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = "acme-1" }, globex).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = "acme-9" }, globex).ResponseAsync);

        // Not PERMISSION_DENIED, and the same words: nothing tells globex that acme-1 exists elsewhere.
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (acmes.StatusCode, unknown.StatusCode));
        Assert.Equal(unknown.Status.Detail.Replace("acme-9", "acme-1", StringComparison.Ordinal), acmes.Status.Detail);
    }

    public static TheoryData<string, SearchInteractionsRequest> MalformedSearches => new()
    {
        { "range ends", new SearchInteractionsRequest { Range = new ReportRange { From = Timestamp.FromDateTimeOffset(ReportSeed.Nine), To = Timestamp.FromDateTimeOffset(ReportSeed.Nine.AddDays(-1)) } } },
        { "at most 366 days", new SearchInteractionsRequest { Range = new ReportRange { FromDate = "2025-01-01", ToDate = "2026-11-24" } } },
        { "queue id", new SearchInteractionsRequest { Range = Day, QueueId = "sales/eu" } },
        { "agent id", new SearchInteractionsRequest { Range = Day, AgentId = new string('a', 65) } },
        { "customer id", new SearchInteractionsRequest { Range = Day, CustomerId = "c 42" } },
        { "customer_number", new SearchInteractionsRequest { Range = Day, CustomerNumber = "+44\n20" } },
        { "state", new SearchInteractionsRequest { Range = Day, State = (InteractionStatus)99 } },
    };

    [Theory, MemberData(nameof(MalformedSearches))]
    public async Task MalformedSearch_InvalidArgumentNamingTheProblem(string problem, SearchInteractionsRequest request) =>
        await AssertInvalid(problem, _reports.SearchInteractionsAsync(request, fixture.WithPermission("acme", "supervisor", EdgePermissions.PersonalDataRead)).ResponseAsync);

    [Theory]
    [InlineData("acme/1")]
    [InlineData("-starts-with-a-dash")]
    public async Task MalformedInteractionId_InvalidArgument(string id) =>
        await AssertInvalid("interaction id", _reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = id }, fixture.As("acme", "supervisor")).ResponseAsync);

    [Fact]
    public async Task SearchByCustomerNumber_WithoutThePermission_PermissionDenied()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day, CustomerNumber = "+442079460123" }, fixture.As("acme", "admin")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains(EdgePermissions.PersonalDataRead, e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedRequests_ChangeNothingInTheStore()
    {
        await using var store = fixture.OpenStore();
        var before = (await store.CountAsync("acme", TestContext.Current.CancellationToken), await store.CountAsync("globex", TestContext.Current.CancellationToken));
        var supervisor = fixture.As("acme", "supervisor");
        Task<SearchInteractionsResponse>[] refusedSearches =
        [
            _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day, PageSize = 10_000 }, supervisor).ResponseAsync,
            _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day, CustomerNumber = "+442079460123" }, supervisor).ResponseAsync,
            _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = Day, QueueId = "sales/eu" }, supervisor).ResponseAsync,
            _reports.SearchInteractionsAsync(new SearchInteractionsRequest { Range = new ReportRange { FromDate = "2026-11-24", ToDate = "2026-11-23" } }, supervisor).ResponseAsync,
        ];

        foreach (var refused in refusedSearches)
        {
            await Assert.ThrowsAsync<RpcException>(() => refused);
        }
        await Assert.ThrowsAsync<RpcException>(() => _reports.GetQueueReportAsync(new QueueReportRequest { Range = Day }, fixture.As("acme", "agent")).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => _reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = "acme-1" }, fixture.As("globex", "supervisor")).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => _reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = "acme/1" }, supervisor).ResponseAsync);

        Assert.Equal(before, (await store.CountAsync("acme", TestContext.Current.CancellationToken), await store.CountAsync("globex", TestContext.Current.CancellationToken)));
    }

    private static async Task AssertInvalid<T>(string problem, Task<T> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(problem, e.Status.Detail, StringComparison.Ordinal);
    }
}
