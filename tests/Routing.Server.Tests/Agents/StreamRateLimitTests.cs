using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Routing.Abstractions;
using Routing.Contracts.V1;
using Routing.Core;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>The commands of an agent's session stream count against the caller's rate limit, in the same
/// bucket as its calls. The server's buckets do not refill during a test, so the counts are exact.</summary>
[Collection(SlowRefillCollection.Name)]
public sealed class StreamRateLimitTests(SlowRefillEdgeFixture fixture)
{
    private const int UnaryCalls = 10;

    [Fact]
    public async Task Commands_FarMoreThanTheCallersBucket_ExcessRefusedResourceExhaustedAndNeverCarriedOut()
    {
        var tenant = await RaceStream.FreshTenant(fixture.Channel, fixture.SigningKey);
        // One caller (tenant + agent) with calls of its own: they draw on the bucket the stream uses.
        var token = fixture.Token(tenant, ["agent", "gateway"], "ann");
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        for (var i = 0; i < UnaryCalls; i++)
        {
            var missing = await Assert.ThrowsAsync<RpcException>(() => interactions.GetAsync(new GetInteractionRequest { InteractionId = $"none-{i}" }, EdgeFixture.WithToken(token)).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        }
        using var stream = Assert.Single(await RaceStream.OpenAll([fixture.Channel], token, 1));
        var logsBefore = fixture.Logs.Lines.Count;

        List<AgentCommand> commands = [new AgentCommand { Login = new Login() }];
        commands.AddRange(Enumerable.Range(0, 3 * SlowRefillEdgeFixture.TokenLimit).Select(i => new AgentCommand { SetNotReady = new SetNotReady { Reason = $"r-{i}" } }));
        var results = await stream.SendAll(commands);

        // The bucket, less the calls and the stream's own start: that many commands run, in order, the rest are refused.
        var allowed = SlowRefillEdgeFixture.TokenLimit - UnaryCalls - 1;
        Assert.All(results.Take(allowed), r => Assert.True(r.Ok, r.Message));
        Assert.All(results.Skip(allowed), r => Assert.Equal((false, "RESOURCE_EXHAUSTED"), (r.Ok, r.StatusCode)));
        Assert.Contains("rate limit", results[^1].Message, StringComparison.Ordinal);
        var acceptedReasons = commands.Take(allowed).Skip(1).Select(c => c.SetNotReady.Reason).ToHashSet();

        var agent = fixture.Services.GetRequiredService<IGrainFactory>().Agent(tenant, "ann");
        Assert.Equal($"r-{allowed - 2}", (await agent.GetSnapshot()).Reason);
        var reasonsRecorded = (await agent.GetHistory()).Where(e => e.Cause == AgentCause.NotReady).Select(e => e.Reason!).ToHashSet();
        Assert.Equal(acceptedReasons, reasonsRecorded);
        Assert.All(stream.StatesSeen, s => Assert.True(s.Reason is "logged-in" || acceptedReasons.Contains(s.Reason), s.Reason));

        // The calls of the same caller are refused now too.
        var limited = await Assert.ThrowsAsync<RpcException>(() => interactions.GetAsync(new GetInteractionRequest { InteractionId = "none" }, EdgeFixture.WithToken(token)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);

        // Neither the accepted commands nor the refused ones wrote a line each.
        var lines = fixture.Logs.Lines.Skip(logsBefore).Where(l => l.Message.Contains(tenant, StringComparison.Ordinal)).ToList();
        Assert.Single(lines, l => l.EventId.Name == "AgentCommandsRateLimited");
        Assert.True(lines.Count <= 3, string.Join(Environment.NewLine, lines.Select(l => $"{l.Level} {l.Category}: {l.Message}")));
    }
}
