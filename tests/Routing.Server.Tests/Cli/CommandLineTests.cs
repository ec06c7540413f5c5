using Routing.Cli;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Cli;

/// <summary>The <c>routing</c> command line against the real server, through the public edge.</summary>
[Collection(EdgeCollection.Name)]
public sealed class CommandLineTests(EdgeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TokenMint_PrintsATokenTheServerAcceptsForThatTenantAndRole()
    {
        var (exit, output) = await CliRun.Routing(fixture, "--tenant", "globex", "token", "mint", "--role", "admin");

        Assert.Equal(0, exit);
        var token = output.Trim();
        Assert.Equal(3, token.Split('.').Length);
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var config = await admin.GetConfigurationAsync(new GetConfigurationRequest(), EdgeFixture.WithToken(token));
        Assert.Equal("globex", config.TenantId);
    }

    [Fact]
    public async Task TokenMint_AgentRoleWithoutAgent_RefusedWithReason()
    {
        var (exit, output) = await CliRun.Routing(fixture, "token", "mint", "--role", "agent");
        Assert.Equal(1, exit);
        Assert.Contains("--agent", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigShowThenApply_RoundTripsAndChangesNothing()
    {
        var before = await Configuration("acme");
        var (showExit, json) = await CliRun.Routing(fixture, "config", "show");
        Assert.Equal(0, showExit);

        var (applyExit, output) = await ApplyFile(json);

        Assert.Equal(0, applyExit);
        Assert.Contains("applied", output, StringComparison.Ordinal);
        Assert.Equal(before, await Configuration("acme"));
    }

    [Fact]
    public async Task ConfigApply_InvalidFile_Exit1NamingTheProblemAndNothingChanged()
    {
        var before = await Configuration("acme");

        var (exit, output) = await ApplyFile("""{ "tenants": [ { "tenantId": "acme", "queues": [ { "queueId": "sales", "offerTimeout": "soon" } ] } ] }""");

        Assert.Equal(1, exit);
        Assert.Contains("error:", output, StringComparison.Ordinal);
        Assert.Contains("duration", output, StringComparison.Ordinal);
        Assert.Equal(before, await Configuration("acme"));
    }

    [Fact]
    public async Task ConfigApply_ValidFileRefusedByServer_Exit1WithTheServersReasons()
    {
        var before = await Configuration("acme");

        var (exit, output) = await ApplyFile("""{ "tenants": [ { "tenantId": "acme", "agents": [ { "agentId": "zed", "queues": [ "no-such-queue" ] } ] } ] }""");

        Assert.Equal(1, exit);
        Assert.Contains("InvalidArgument", output, StringComparison.Ordinal);
        Assert.Contains("no-such-queue", output, StringComparison.Ordinal);
        Assert.Equal(before, await Configuration("acme"));
    }

    [Fact]
    public async Task CallCreate_UnknownQueue_Exit1NotFound()
    {
        var (exit, output) = await CliRun.Routing(fixture, "call", "create", "--queue", "nope");
        Assert.Equal(1, exit);
        Assert.Contains("NotFound", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_BadToken_Exit1Unauthenticated()
    {
        var (exit, output) = await CliRun.Routing(fixture, "--token", "not-a-token", "call", "create", "--queue", "sales");
        Assert.Equal(1, exit);
        Assert.Contains("Unauthenticated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallShow_OtherTenantsInteraction_NotFound()
    {
        var (created, output) = await CliRun.Routing(fixture, "call", "create", "--queue", "sales", "--channel", "email");
        Assert.Equal(0, created);
        var id = output.Split(' ')[0].Trim();

        var (exit, shown) = await CliRun.Routing(fixture, "--tenant", "globex", "call", "show", id);
        Assert.Equal(1, exit);
        Assert.Contains("NotFound", shown, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRun.Routing(fixture, "call", "hangup", id)).ExitCode);
    }

    [Fact]
    public async Task AgentsSimulate_TakesTheCallTalksAndCompletesIt()
    {
        var (created, output) = await CliRun.Routing(fixture, "call", "create", "--queue", "sales", "--number", "+4420");
        Assert.Equal(0, created);
        var id = output.Split(' ')[0].Trim();

        var (exit, simulated) = await CliRun.Routing(fixture, "agents", "simulate", "--agent", "bob",
            "--answer-after", "0", "--talk", "0", "--wrap-up", "0", "--stop-after", "1");

        Assert.Equal(0, exit);
        Assert.Contains("bob ready", simulated, StringComparison.Ordinal);
        Assert.Contains("bob logged out", simulated, StringComparison.Ordinal);
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var done = await interactions.GetAsync(new GetInteractionRequest { InteractionId = id }, fixture.As("acme", ["gateway"]));
        Assert.Equal((InteractionStatus.Completed, "bob"), (done.Status, done.AgentId));
    }

    [Fact]
    public async Task Watch_PrintsTheTenantThenTheQueuesStatistics()
    {
        var (exit, output) = await CliRun.Routing(fixture, "watch", "--queue", "sales", "--updates", "1");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("tenant acme (--tenant to change)", lines[0]);
        Assert.StartsWith("queue sales waiting ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_WithAToken_HeaderNamesTheTokensTenant()
    {
        var token = fixture.Token("globex", ["supervisor"]);
        var (exit, output) = await CliRun.Routing(fixture, "--token", token, "watch", "--queue", "sales", "--updates", "1");
        Assert.Equal(0, exit);
        Assert.StartsWith("tenant globex (from --token)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Interrupted_ExitsQuietlyWith130()
    {
        var (exit, output) = await CliRun.RoutingUntil(fixture, "queue sales waiting", "watch", "--queue", "sales");
        Assert.Equal(RoutingCommandLine.InterruptedExitCode, exit);
        Assert.DoesNotContain("error", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelled", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAgents_AgentOnAVoiceCall_ShownBusyNotAvailable()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        await Agents.TransferEdgeTests.ApplyCentre(fixture, tenant);
        using var ann = await Agents.AgentApp.Connect(fixture, tenant, "ann");
        Assert.True((await ann.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
        var (created, createdOutput) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "create", "--queue", "sales");
        Assert.Equal(0, created);
        var id = createdOutput.Split(' ')[0].Trim();
        await ann.OfferOf(id);
        Assert.True((await ann.Send(new AgentCommand { Accept = new Accept { InteractionId = id } })).Ok);

        // The agents' lines arrive in no fixed order: wait for both.
        var (exit, output) = await CliRun.RoutingUntilAll(fixture, ["agent ann Busy (voice 1/1)", "agent bob Offline"], "--tenant", tenant, "watch", "--queue", "sales", "--agents");

        Assert.Equal(RoutingCommandLine.InterruptedExitCode, exit);
        Assert.DoesNotContain("agent ann Ready", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_NoServerAnswers_Exit1NamingTheAddress()
    {
        var nobody = $"http://127.0.0.1:{Routing.Testing.LoopbackPorts.Free()}";
        var (exit, output) = await CliRun.Anywhere("--server", nobody, "call", "create", "--queue", "sales");
        Assert.Equal(1, exit);
        Assert.StartsWith($"error: Unavailable: no server answered at {nobody} (", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Watch_UnknownQueue_Exit1NotFound()
    {
        var (exit, output) = await CliRun.Routing(fixture, "watch", "--queue", "nope", "--updates", "1");
        Assert.Equal(1, exit);
        Assert.Contains("NotFound", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallPriorityAndMove_ChangeWaitingWork_AndRefuseAnUnknownQueue()
    {
        var (created, output) = await CliRun.Routing(fixture, "call", "create", "--queue", "sales", "--channel", "email");
        Assert.Equal(0, created);
        var id = output.Split(' ')[0].Trim();

        var (raised, raisedOutput) = await CliRun.Routing(fixture, "call", "priority", id, "30");
        Assert.Equal(0, raised);
        Assert.Contains("priority 30", raisedOutput, StringComparison.Ordinal);
        var (refused, refusedOutput) = await CliRun.Routing(fixture, "call", "move", id, "nope");
        Assert.Equal(1, refused);
        Assert.Contains("NotFound", refusedOutput, StringComparison.Ordinal);

        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var read = await interactions.GetAsync(new GetInteractionRequest { InteractionId = id }, fixture.As("acme", ["gateway"]));
        Assert.Equal((30, "sales"), (read.Priority, read.QueueId));
        Assert.Equal(0, (await CliRun.Routing(fixture, "call", "hangup", id)).ExitCode);
    }

    [Fact]
    public async Task CallTransfer_ConnectedCallToQueue_TransferredAndBadTargetsRefused()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        await Agents.TransferEdgeTests.ApplyCentre(fixture, tenant);
        using var ann = await Agents.AgentApp.Connect(fixture, tenant, "ann");
        Assert.True((await ann.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
        var (created, createdOutput) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "create", "--queue", "sales");
        Assert.Equal(0, created);
        var id = createdOutput.Split(' ')[0].Trim();
        await ann.OfferOf(id);
        Assert.True((await ann.Send(new AgentCommand { Accept = new Accept { InteractionId = id } })).Ok);

        var (both, bothOutput) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "transfer", id, "--queue", "support", "--agent", "bob");
        Assert.Equal(1, both);
        Assert.Contains("exactly one of --queue and --agent", bothOutput, StringComparison.Ordinal);
        var (unknown, unknownOutput) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "transfer", id, "--queue", "nope");
        Assert.Equal(1, unknown);
        Assert.Contains("NotFound", unknownOutput, StringComparison.Ordinal);

        var (exit, output) = await CliRun.Routing(fixture, "--tenant", tenant, "call", "transfer", id, "--queue", "support");

        Assert.Equal(0, exit);
        Assert.Contains("Queued queue support", output, StringComparison.Ordinal);
        Assert.Contains("Transferred agent ann", output, StringComparison.Ordinal);
        var update = await ann.Until(e => e.EventCase == AgentEvent.EventOneofCase.TransferUpdate);
        Assert.Equal(TransferUpdateKind.Transferred, update.TransferUpdate.Kind);
    }

    [Fact]
    public void DefaultSigningKey_IsTheOneADevelopmentServerShipsWith()
    {
        var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")));
        var key = settings.RootElement.GetProperty("Routing").GetProperty("Edge").GetProperty("Auth").GetProperty("SigningKey").GetString();
        Assert.Equal(DevTokens.LocalDevelopmentKey, key);
    }

    /// <summary>Runs <c>routing config apply</c> on a temporary file holding <paramref name="json"/>.</summary>
    private async Task<(int ExitCode, string Output)> ApplyFile(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"routing-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json, Cancel);
        try
        {
            return await CliRun.Routing(fixture, "config", "apply", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<TenantConfiguration> Configuration(string tenant) =>
        await new AdminService.AdminServiceClient(fixture.Channel).GetConfigurationAsync(new GetConfigurationRequest(), fixture.As(tenant, ["admin"]));
}
