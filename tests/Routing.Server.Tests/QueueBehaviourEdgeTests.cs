using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Configuration;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;
using CoreHours = Routing.Core.Hours;
using Records = Routing.Abstractions.Configuration;

namespace Routing.Server.Tests;

/// <summary>Queue behaviour at the edge: refusals with their gRPC status, overflow seen by a watcher, and the
/// configuration of it round-tripping.</summary>
[Collection(EdgeCollection.Name)]
public sealed class QueueBehaviourEdgeTests(EdgeFixture fixture)
{
    private readonly InteractionService.InteractionServiceClient _interactions = new(fixture.Channel);
    private readonly AdminService.AdminServiceClient _admin = new(fixture.Channel);

    [Fact]
    public async Task Create_FullQueue_ResourceExhausted_ClosedQueue_FailedPrecondition()
    {
        var tenant = await TenantAsync(
            new QueueDefinition { QueueId = "full", MaxWaiting = 1 },
            new QueueDefinition { QueueId = "closed", Hours = ClosedUntilTomorrow8(), ClosedAction = ClosedAction.Refuse });
        var gateway = fixture.As(tenant, ["gateway"]);
        await _interactions.CreateAsync(new CreateInteractionRequest { QueueId = "full" }, gateway);

        var full = await Assert.ThrowsAsync<RpcException>(() => _interactions.CreateAsync(new CreateInteractionRequest { InteractionId = "too-many", QueueId = "full" }, gateway).ResponseAsync);
        var closed = await Assert.ThrowsAsync<RpcException>(() => _interactions.CreateAsync(new CreateInteractionRequest { InteractionId = "too-late", QueueId = "closed" }, gateway).ResponseAsync);

        Assert.Equal((StatusCode.ResourceExhausted, "queue 'full' is full: 1 waiting"), (full.StatusCode, full.Status.Detail));
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("ddd", CultureInfo.InvariantCulture);
        Assert.Equal((StatusCode.FailedPrecondition, $"queue 'closed' is closed until {tomorrow} 08:00 UTC"), (closed.StatusCode, closed.Status.Detail));
        foreach (var id in new[] { "too-many", "too-late" })
        {
            var read = await Assert.ThrowsAsync<RpcException>(() => _interactions.GetAsync(new GetInteractionRequest { InteractionId = id }, gateway).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, read.StatusCode);
        }
    }

    [Fact]
    public async Task Watch_MaxWaitReached_WatcherSeesOverflowedWithActionAndCause()
    {
        var tenant = await TenantAsync(new QueueDefinition
        {
            QueueId = "sales",
            MaxWait = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(300)),
            Overflow = new QueueOverflowAction { Kind = OverflowActionKind.Callback, Message = "offer-callback" },
        });
        var gateway = fixture.As(tenant, ["gateway"]);
        var created = await _interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, gateway);
        Assert.NotNull(created.WaitDeadline);

        using var watch = _interactions.Watch(new WatchInteractionRequest { InteractionId = created.InteractionId }, gateway);
        var overflowed = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Overflowed);

        Assert.Equal(InteractionStatus.Overflowed, overflowed.Status);
        Assert.Equal(new OverflowNotice { Action = OverflowActionKind.Callback, Cause = OverflowCause.MaxWait, Message = "offer-callback" }, overflowed.Overflow);
        await StreamAssert.Ends(watch.ResponseStream);
    }

    [Fact]
    public async Task Configuration_QueueBehaviour_RoundTripsThroughGrpcAndTheCentreFile()
    {
        var queue = new Records.QueueDefinition
        {
            QueueId = "sales",
            MaxWait = TimeSpan.FromMinutes(3),
            Overflow = new Records.OverflowAction { Kind = Records.OverflowActionKind.Queue, QueueId = "support", Message = "to support" },
            MaxWaiting = 200,
            WhenNoAgents = Records.NoAgentsAction.Overflow,
            Hours = new CoreHours.BusinessHours
            {
                Weekly =
                [
                    new CoreHours.WeeklyHours { Day = System.DayOfWeek.Monday, Open = ["08:00-12:00", "13:00-18:00"] },
                    new CoreHours.WeeklyHours { Day = System.DayOfWeek.Sunday, Open = ["10:00-24:00"] },
                ],
                Exceptions = [new CoreHours.DatedHours { Date = new DateOnly(2026, 12, 25), Name = "Christmas Day" }],
            },
            ClosedAction = Records.ClosedAction.Overflow,
        };
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var configuration = new Records.TenantConfiguration { TenantId = tenant, Queues = [queue, new Records.QueueDefinition { QueueId = "support" }] };
        var admin = fixture.As(tenant, ["admin"]);

        await _admin.ApplyConfigurationAsync(configuration.ToProto(), admin);
        var read = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), admin);
        var problems = new List<string>();
        var back = read.ToRecord(problems);

        Assert.Empty(problems);
        Assert.Equal(Json(configuration), Json(back));
        var file = JsonSerializer.Deserialize<Records.TenantConfiguration>(Json(back), CentreConfigurationFile.SerializerOptions)!;
        Assert.Equal(Json(configuration), Json(file));
        Assert.Contains("\"closedAction\": \"Overflow\"", Json(back), StringComparison.Ordinal);
        Assert.Equal(read, file.ToProto());
    }

    [Fact]
    public async Task SampleCentre_WithBusinessHoursAndOverflow_AppliesCleanly()
    {
        var sample = CentreConfigurationFile.Load(Path.Combine(AppContext.BaseDirectory, "centre.sample.json"));
        var acme = sample.Tenants.Single(t => t.TenantId == "acme");
        var french = acme.Queues.Single(q => q.QueueId == "french-support");
        Assert.Equal((Records.OverflowActionKind.Queue, Records.ClosedAction.Overflow), (french.Overflow!.Kind, french.ClosedAction));
        Assert.NotEmpty(french.Hours!.Exceptions);

        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var applied = await _admin.ApplyConfigurationAsync((acme with { TenantId = tenant }).ToProto(), fixture.As(tenant, ["admin"]));

        Assert.Equal(acme.Queues.Length, applied.Queues);
    }

    private static string Json(Records.TenantConfiguration configuration) => JsonSerializer.Serialize(configuration, CentreConfigurationFile.SerializerOptions);

    private static BusinessHours ClosedUntilTomorrow8() => new()
    {
        Exceptions = { new DatedHours { Date = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Open = { "08:00-09:00" } } },
    };

    private async Task<string> TenantAsync(params QueueDefinition[] queues)
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var configuration = new TenantConfiguration { TenantId = tenant };
        configuration.Queues.AddRange(queues);
        await _admin.ApplyConfigurationAsync(configuration, fixture.As(tenant, ["admin"]));
        return tenant;
    }
}
