using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.History;

/// <summary>
/// Personal data end to end: the tenant's policy (admin.proto) decides what the recorder stores of a customer's number
/// and personal attributes, and the report service shows them in full only to callers with the permission.
/// </summary>
[Collection(HistoryCollection.Name)]
public sealed class PersonalDataEdgeTests(HistoryFixture fixture)
{
    private const string Number = "+44 20 7946 0123";
    private const string MaskedNumber = "••••••••••••0123";
    private const string Email = "jane.doe@example.com";
    private const string CallbackNumber = "+33140001234";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Encrypt_StoresTheNumberProtected_ShowsItInFullOnlyWithThePermission()
    {
        var tenant = await fixture.NewTenantAsync(HistoryFixture.KeyedTenant, configuration => configuration.PersonalData = new PersonalDataPolicy
        {
            Mode = PersonalDataMode.Encrypt, PersonalAttributes = { "email" },
        });
        var id = await CreateWithCallbackAsync(tenant);

        var stored = (await fixture.Store.FindInteractionAsync(tenant, id, Cancel))!;
        Assert.Equal((MaskedNumber, "••••••••1234"), (stored.CustomerNumber, stored.CallbackNumber));
        Assert.StartsWith("v1:k1:", stored.PersonalSecret, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", stored.Attributes["email"], StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Store.ReadTimelineAsync(tenant, id, Cancel), e => e.Detail == CallbackNumber);

        var masked = Single(await SearchAsync(tenant, permitted: false, new SearchInteractionsRequest()), id);
        Assert.Equal((MaskedNumber, "••••••••1234", false), (masked.CustomerNumber, masked.CallbackNumber, masked.PersonalDataRevealed));
        Assert.Equal("••••••••••••••••.com", masked.Attributes["email"]);
        var full = Single(await SearchAsync(tenant, permitted: true, new SearchInteractionsRequest { CustomerNumber = "+442079460123" }), id);
        Assert.Equal((Number, CallbackNumber, Email, true), (full.CustomerNumber, full.CallbackNumber, full.Attributes["email"], full.PersonalDataRevealed));

        var reports = new ReportService.ReportServiceClient(fixture.Channel);
        var timeline = await reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = id }, As(tenant, permitted: true));
        var hidden = await reports.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = id }, As(tenant, permitted: false));
        Assert.Contains(timeline.Events, e => e.Kind == InteractionEventKind.CallbackRequested && e.Detail == CallbackNumber);
        Assert.Contains(hidden.Events, e => e.Kind == InteractionEventKind.CallbackRequested && e.Detail == "••••••••1234");
        Assert.Equal(MaskedNumber, hidden.Interaction.CustomerNumber);
    }

    [Fact]
    public async Task Default_Masks_SoEvenThePermissionShowsOnlyTheMaskedForm()
    {
        var tenant = await fixture.NewTenantAsync();
        var id = await CreateWithCallbackAsync(tenant);

        var stored = (await fixture.Store.FindInteractionAsync(tenant, id, Cancel))!;
        var shown = Single(await SearchAsync(tenant, permitted: true, new SearchInteractionsRequest()), id);

        Assert.Equal((MaskedNumber, (string?)null), (stored.CustomerNumber, stored.PersonalSecret));
        Assert.Equal(Email, stored.Attributes["email"]);
        Assert.Equal(MaskedNumber, shown.CustomerNumber);
    }

    [Fact]
    public async Task SearchByNumber_WithoutThePermission_PermissionDenied()
    {
        var tenant = await fixture.NewTenantAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(tenant, permitted: false, new SearchInteractionsRequest { CustomerNumber = Number }));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains(EdgePermissions.PersonalDataRead, e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchByNumber_OfAMaskingTenantWithoutAKey_FailedPrecondition()
    {
        var tenant = await fixture.NewTenantAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(tenant, permitted: true, new SearchInteractionsRequest { CustomerNumber = Number }));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains($"History:PersonalData:Keys:{tenant}", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_ForATenantWithoutAKey_FailedPrecondition_AndTheConfigurationStays()
    {
        var tenant = await fixture.NewTenantAsync();
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var token = EdgeFixture.WithToken(fixture.Token(tenant, ["admin"]));
        var configuration = await admin.GetConfigurationAsync(new GetConfigurationRequest(), token);
        var encrypted = configuration.Clone();
        encrypted.PersonalData = new PersonalDataPolicy { Mode = PersonalDataMode.Encrypt };
        encrypted.ApplyPending = false;

        var e = await Assert.ThrowsAsync<RpcException>(() => admin.ApplyConfigurationAsync(encrypted, token).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains($"History:PersonalData:Keys:{tenant}", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(configuration, await admin.GetConfigurationAsync(new GetConfigurationRequest(), token));
    }

    [Fact]
    public async Task PurgeHistory_DeletesTheTenantsHistoryFromEveryTable_AndNoOtherTenants()
    {
        var (tenant, other) = (await fixture.NewTenantAsync(), await fixture.NewTenantAsync());
        await CreateWithCallbackAsync(tenant);
        await CreateWithCallbackAsync(other);
        var otherBefore = await fixture.Store.CountAsync(other, Cancel);
        var admin = new AdminService.AdminServiceClient(fixture.Channel);

        var purged = await admin.PurgeHistoryAsync(new PurgeHistoryRequest { Before = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) }, EdgeFixture.WithToken(fixture.Token(tenant, ["admin"])));

        Assert.Equal(new Routing.History.HistoryCounts(0, 0, 0, 0, 0), await fixture.Store.CountAsync(tenant, Cancel));
        Assert.Equal(["agent_state_intervals", "event_feed", "interaction_events", "interaction_legs", "interactions", "queue_interval_members", "queue_intervals", "supervisor_actions", "webhook_dead_letters"], purged.DeletedRows.Keys.Order(StringComparer.Ordinal));
        // The feed keeps its newest entry (the position it numbers on from); everything older of the tenant's is gone.
        Assert.Equal(purged.DeletedRows["interaction_events"] - 1, purged.DeletedRows["event_feed"]);
        Assert.Equal(1, purged.DeletedRows["interactions"]);
        Assert.True(purged.DeletedRows["interaction_events"] >= 2);
        Assert.Equal(otherBefore, await fixture.Store.CountAsync(other, Cancel));
    }

    [Fact]
    public async Task PurgeHistory_ByRetention_UsesTheTenantsPeriod_AndKeepsNewerHistory()
    {
        var tenant = await fixture.NewTenantAsync($"h-{Guid.NewGuid():N}"[..20], configuration => configuration.HistoryRetentionDays = 30);
        await CreateWithCallbackAsync(tenant);
        var before = await fixture.Store.CountAsync(tenant, Cancel);
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var started = DateTimeOffset.UtcNow;

        var purged = await admin.PurgeHistoryAsync(new PurgeHistoryRequest(), EdgeFixture.WithToken(fixture.Token(tenant, ["admin"])));

        Assert.Equal(30, await Abstractions.GrainKeys.HistoryRetention(fixture.Grains, tenant).GetRetentionDays());
        Assert.InRange(purged.Before.ToDateTimeOffset(), started.AddDays(-30).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(-30));
        Assert.All(purged.DeletedRows.Values, rows => Assert.Equal(0, rows));
        Assert.Equal(before, await fixture.Store.CountAsync(tenant, Cancel));
    }

    public static TheoryData<string, string, StatusCode, string> RefusedPurges => new()
    {
        { "supervisor", "past", StatusCode.PermissionDenied, "admin" },
        { "admin", "future", StatusCode.InvalidArgument, "in the future" },
        { "admin", "none", StatusCode.FailedPrecondition, "history_retention_days" },
    };

    [Theory, MemberData(nameof(RefusedPurges))]
    public async Task PurgeHistory_Refused_DeletesNothing(string role, string before, StatusCode status, string reason)
    {
        var tenant = await fixture.NewTenantAsync();
        await CreateWithCallbackAsync(tenant);
        var counts = await fixture.Store.CountAsync(tenant, Cancel);
        var request = new PurgeHistoryRequest
        {
            Before = before switch
            {
                "past" => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                "future" => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)),
                _ => null,
            },
        };

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            new AdminService.AdminServiceClient(fixture.Channel).PurgeHistoryAsync(request, EdgeFixture.WithToken(fixture.Token(tenant, [role]))).ResponseAsync);

        Assert.Equal(status, e.StatusCode);
        Assert.Contains(reason, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(counts, await fixture.Store.CountAsync(tenant, Cancel));
    }

    /// <summary>A waiting call from <see cref="Number"/> with an e-mail attribute that asks for a callback, stored.</summary>
    private async Task<string> CreateWithCallbackAsync(string tenant)
    {
        using var gateway = fixture.Client(tenant, ["gateway"]);
        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care", CustomerNumber = Number, Attributes = { ["email"] = Email } }, Cancel);
        await gateway.Interactions.RequestCallbackAsync(call.InteractionId, CallbackNumber, Cancel);
        await fixture.FlushAsync();
        return call.InteractionId;
    }

    private async Task<SearchInteractionsResponse> SearchAsync(string tenant, bool permitted, SearchInteractionsRequest request)
    {
        request.Range = new ReportRange
        {
            From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
            To = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
        };
        return await new ReportService.ReportServiceClient(fixture.Channel).SearchInteractionsAsync(request, As(tenant, permitted));
    }

    private CallOptions As(string tenant, bool permitted) =>
        EdgeFixture.WithToken(fixture.Token(tenant, ["supervisor"], permissions: permitted ? [EdgePermissions.PersonalDataRead] : []));

    private static StoredInteraction Single(SearchInteractionsResponse page, string id) =>
        Assert.Single(page.Interactions, interaction => interaction.InteractionId == id);
}
