using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Client.Agents;
using Routing.Configuration;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;
using Records = Routing.Abstractions.Configuration;

namespace Routing.Server.Tests.Client;

/// <summary>Escalation, preferred-agent and wrap-up settings through the admin edge, and wrap-up extensions
/// through an agent session, over real gRPC.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EligibilityEdgeTests(EdgeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly string _tenant = $"t-{Guid.NewGuid():N}"[..20];

    private TenantConfiguration Centre() => new()
    {
        TenantId = _tenant,
        Queues =
        {
            new QueueDefinition
            {
                QueueId = "care",
                RequiredSkills = { new SkillRequirement { Skill = "care", MinimumLevel = 4 }, new SkillRequirement { Skill = "lang.fr", MinimumLevel = 2 } },
                WrapUpTime = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
                MaxWrapUpExtension = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)),
                PreferredAgentWait = Duration.FromTimeSpan(TimeSpan.FromSeconds(20)),
                PreferredAgentWindow = Duration.FromTimeSpan(TimeSpan.FromHours(8)),
                Escalation =
                {
                    new EscalationStep { After = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)), Relax = { new SkillRequirement { Skill = "care", MinimumLevel = 2 } } },
                    new EscalationStep
                    {
                        After = Duration.FromTimeSpan(TimeSpan.FromSeconds(90)),
                        Drop = { "lang.fr" },
                        AlsoEligible = { new SkillRequirement { Skill = "backup", MinimumLevel = 1 } },
                    },
                },
            },
        },
        Agents =
        {
            new AgentDefinition { AgentId = "wes", Skills = { new SkillLevel { Skill = "care", Level = 5 }, new SkillLevel { Skill = "lang.fr", Level = 3 } } },
            new AgentDefinition { AgentId = "quick", Skills = { new SkillLevel { Skill = "backup", Level = 1 } }, WrapUpTime = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) },
        },
    };

    [Fact]
    public async Task Configuration_ShownAsCentreFileAndAppliedAgain_RoundTripsEveryNewSetting()
    {
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var asAdmin = fixture.As(_tenant, ["admin"]);
        await admin.ApplyConfigurationAsync(Centre(), asAdmin);
        var shown = await admin.GetConfigurationAsync(new GetConfigurationRequest(), asAdmin);

        // What `routing config show` prints and `routing config apply` reads: the centre file format.
        var problems = new List<string>();
        var json = JsonSerializer.Serialize(new Records.CentreConfiguration { Tenants = [shown.ToRecord(problems)] }, CentreConfigurationFile.SerializerOptions);
        var file = JsonSerializer.Deserialize<Records.CentreConfiguration>(json, CentreConfigurationFile.SerializerOptions)!;
        await admin.ApplyConfigurationAsync(file.Tenants.Single().ToProto(), asAdmin);
        var again = await admin.GetConfigurationAsync(new GetConfigurationRequest(), asAdmin);

        Assert.Empty(problems);
        Assert.Equal(shown, again);
        var care = again.Queues.Single();
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90)], care.Escalation.Select(s => s.After.ToTimeSpan()));
        Assert.Equal(["lang.fr"], care.Escalation[1].Drop);
        Assert.Equal("backup", care.Escalation[1].AlsoEligible.Single().Skill);
        Assert.Equal((20, 8 * 3600, 30), ((int)care.PreferredAgentWait.Seconds, (int)care.PreferredAgentWindow.Seconds, (int)care.MaxWrapUpExtension.Seconds));
        Assert.Equal(TimeSpan.FromSeconds(10), again.Agents.Single(a => a.AgentId == "quick").WrapUpTime.ToTimeSpan());
        Assert.Null(again.Agents.Single(a => a.AgentId == "wes").WrapUpTime);
        Assert.Contains("\"escalation\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_EscalationStepsOutOfOrder_InvalidArgumentNamingTheStep()
    {
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var centre = Centre();
        centre.Queues[0].Escalation[1].After = Duration.FromTimeSpan(TimeSpan.FromSeconds(10));

        var refused = await Assert.ThrowsAsync<RpcException>(() => admin.ApplyConfigurationAsync(centre, fixture.As(_tenant, ["admin"])).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("escalation step 2", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_ExtendWrapUp_AcceptedUpToTheQueuesBoundThenFailedPrecondition()
    {
        await new AdminService.AdminServiceClient(fixture.Channel).ApplyConfigurationAsync(Centre(), fixture.As(_tenant, ["admin"]));
        using var gateway = fixture.Client(_tenant, ["gateway"]);
        using var wesClient = fixture.Client(_tenant, ["agent"], "wes");
        await using var wes = await wesClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await wes.SetReadyAsync(Cancel);
        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "care" }, Cancel);
        await SessionEvents.OfferOf(wes, call.InteractionId);
        await wes.AcceptAsync(call.InteractionId, Cancel);
        await wes.EndAsync(call.InteractionId, Cancel);
        var deadline = (await gateway.Interactions.GetAsync(call.InteractionId, Cancel)).WrapUpDeadline.ToDateTimeOffset();

        var extended = await wes.ExtendWrapUpAsync(call.InteractionId, TimeSpan.FromSeconds(30), Cancel);
        var refused = await Assert.ThrowsAsync<AgentCommandException>(() => wes.ExtendWrapUpAsync(call.InteractionId, TimeSpan.FromSeconds(5), Cancel));

        Assert.Equal(deadline.AddSeconds(30), extended);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("at most 30 s", refused.Message, StringComparison.Ordinal);
        Assert.Equal(deadline.AddSeconds(30), (await gateway.Interactions.GetAsync(call.InteractionId, Cancel)).WrapUpDeadline.ToDateTimeOffset());
        await wes.CompleteAsync(call.InteractionId, "done", cancellationToken: Cancel);
        await wes.LogoutAsync(Cancel);
    }
}
