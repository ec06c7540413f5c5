using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Agents;
using Routing.Server.Tests.Cli;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.EntryPoints;

/// <summary>Gateways create interactions by the dialled number: the tenant's entry point rules choose the queue,
/// priority and preferred agent; the configuration round-trips through the admin service; bad requests change nothing.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EntryPointEdgeTests(EdgeFixture fixture)
{
    private readonly InteractionService.InteractionServiceClient _interactions = new(fixture.Channel);
    private readonly AdminService.AdminServiceClient _admin = new(fixture.Channel);

    [Fact]
    public async Task Create_ByDialledNumber_KeyAccountGoesToItsQueue_AndTheAgentSeesWhichEntryAndRule()
    {
        var tenant = await ConfiguredTenant();
        var gateway = fixture.As(tenant, ["gateway"]);
        using var anna = await AgentApp.Connect(fixture, tenant, "anna");
        Assert.True((await anna.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
        var request = new CreateInteractionRequest { InteractionId = Id(), Entry = "+441130000001", CustomerNumber = "+441130555000" };
        request.Attributes.Add("tier", "key-account");
        request.Attributes.Add("accountManager", "anna");

        var created = await _interactions.CreateAsync(request, gateway);
        var offer = await anna.OfferOf(created.InteractionId);

        Assert.Equal(("key-accounts", 50), (created.QueueId, created.Priority));
        Assert.Equal(("key-accounts", 50), (offer.QueueId, offer.Priority));
        Assert.Equal(("sales-line", "key-account", "key-account"), (offer.Attributes["entryPoint"], offer.Attributes["entryRule"], offer.Attributes["tier"]));
        var plain = await _interactions.CreateAsync(new CreateInteractionRequest { Entry = "sales-line" }, gateway);
        Assert.Equal(("sales", 10), (plain.QueueId, plain.Priority));
        await _interactions.HangupAsync(new HangupRequest { InteractionId = plain.InteractionId }, gateway);
        await _interactions.HangupAsync(new HangupRequest { InteractionId = created.InteractionId }, gateway);
    }

    [Fact]
    public async Task DecideEntry_TellsTheGatewayTheModeWithoutCreatingAnything()
    {
        var tenant = await ConfiguredTenant();
        var request = new DecideEntryRequest { Entry = "1001" };
        request.Attributes.Add("debt", "open");

        var decision = await _interactions.DecideEntryAsync(request, fixture.As(tenant, ["gateway"]));

        Assert.Equal(("sales-line", "finance", "debt"), (decision.EntryPointId, decision.QueueId, decision.RuleId));
        Assert.Equal((EntryPointMode.Proxy, "sip:voicemail@pbx.example.com"), (decision.Mode, decision.VoicemailUri));
        var read = await _admin.GetConfigurationAsync(new GetConfigurationRequest(), fixture.As(tenant, ["admin"]));
        Assert.Equal(Configuration(tenant).EntryPoints, read.EntryPoints);
    }

    [Fact]
    public async Task BadEntryRequests_AreRefusedWithTheirStatus_AndCreateNothing()
    {
        var tenant = await ConfiguredTenant();
        var other = await ConfiguredTenant(addresses: ["2002"]);
        var gateway = fixture.As(tenant, ["gateway"]);
        var cases = new (CreateInteractionRequest Request, StatusCode Status, string Says)[]
        {
            (new() { InteractionId = Id(), Entry = "1001", QueueId = "sales" }, StatusCode.InvalidArgument, "leave queue_id"),
            (new() { InteractionId = Id(), Entry = "1001", Priority = 3 }, StatusCode.InvalidArgument, "leave queue_id"),
            (new() { InteractionId = Id(), Entry = "no such number" }, StatusCode.InvalidArgument, "printable characters without spaces"),
            (new() { InteractionId = Id(), Entry = new string('9', 129) }, StatusCode.InvalidArgument, "printable characters"),
            (new() { InteractionId = Id(), Entry = "+449999" }, StatusCode.NotFound, "no entry point"),
            // Another tenant's number is unknown here, worded as any unknown number.
            (new() { InteractionId = Id(), Entry = "2002" }, StatusCode.NotFound, "no entry point"),
        };

        foreach (var (request, status, says) in cases)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => _interactions.CreateAsync(request, gateway).ResponseAsync);
            Assert.Equal(status, error.StatusCode);
            Assert.Contains(says, error.Status.Detail, StringComparison.Ordinal);
            var read = await Assert.ThrowsAsync<RpcException>(() => _interactions.GetAsync(new GetInteractionRequest { InteractionId = request.InteractionId }, gateway).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, read.StatusCode);
        }
        var agentOnly = await Assert.ThrowsAsync<RpcException>(() =>
            _interactions.DecideEntryAsync(new DecideEntryRequest { Entry = "1001" }, fixture.As(tenant, ["agent"], agentId: "anna")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, agentOnly.StatusCode);
        Assert.Equal("sales-line", (await _interactions.DecideEntryAsync(new DecideEntryRequest { Entry = "2002" }, fixture.As(other, ["gateway"]))).EntryPointId);
    }

    [Fact]
    public async Task Cli_DecidesAndCreatesByEntry_AndRefusesQueueAndEntryTogether()
    {
        var tenant = await ConfiguredTenant();

        var (decided, decision) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "decide", "1001", "--attribute", "debt=open");
        var (created, id) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "create", "--entry", "1001", "-a", "debt=open");
        var (both, refusal) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "create", "--entry", "1001", "--queue", "sales");
        var (badPair, badPairMessage) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "decide", "1001", "-a", "no-equals-sign");

        Assert.Equal(0, decided);
        Assert.Contains("queue finance", decision, StringComparison.Ordinal);
        Assert.Contains("rule debt", decision, StringComparison.Ordinal);
        Assert.Equal(0, created);
        var snapshot = await _interactions.GetAsync(new GetInteractionRequest { InteractionId = id.Split(' ')[0].Trim() }, fixture.As(tenant, ["gateway"]));
        Assert.Equal("finance", snapshot.QueueId);
        Assert.Equal((1, 1), (both, badPair));
        Assert.Contains("either --queue or --entry", refusal, StringComparison.Ordinal);
        Assert.Contains("is not key=value", badPairMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidEntryPoint_ApplyIsRefusedNamingTheProblem()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var configuration = Configuration(tenant);
        configuration.EntryPoints[0].Rules[0].QueueId = "nowhere";

        var error = await Assert.ThrowsAsync<RpcException>(() => _admin.ApplyConfigurationAsync(configuration, fixture.As(tenant, ["admin"])).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("queue 'nowhere', which is not configured", error.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<string> ConfiguredTenant(string[]? addresses = null)
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        await _admin.ApplyConfigurationAsync(Configuration(tenant, addresses), fixture.As(tenant, ["admin"]));
        return tenant;
    }

    private static TenantConfiguration Configuration(string tenant, string[]? addresses = null)
    {
        var configuration = new TenantConfiguration { TenantId = tenant };
        foreach (var queue in new[] { "sales", "key-accounts", "finance" })
        {
            configuration.Queues.Add(new QueueDefinition { QueueId = queue });
        }
        configuration.Agents.Add(new AgentDefinition { AgentId = "anna" });
        var keyAccount = new EntryRule { RuleId = "key-account", QueueId = "key-accounts", Priority = 50, PreferredAgentAttribute = "accountManager" };
        keyAccount.When.Add(new EntryCondition { Field = "attributes.tier", Operator = EntryConditionOperator.OneOf, Values = { "key-account" } });
        var debt = new EntryRule { RuleId = "debt", QueueId = "finance" };
        debt.When.Add(new EntryCondition { Field = "attributes.debt", Operator = EntryConditionOperator.OneOf, Values = { "open" } });
        var salesLine = new EntryPoint
        {
            EntryPointId = "sales-line", QueueId = "sales", Priority = 10, Mode = EntryPointMode.Proxy, VoicemailUri = "sip:voicemail@pbx.example.com",
            Rules = { keyAccount, debt },
        };
        salesLine.Addresses.AddRange(addresses ?? ["+441130000001", "1001"]);
        configuration.EntryPoints.Add(salesLine);
        return configuration;
    }

    private static string Id() => $"call-{Guid.NewGuid():N}";
}
