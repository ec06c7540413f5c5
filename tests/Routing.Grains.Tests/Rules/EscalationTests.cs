using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Rules;

/// <summary>Escalation steps: who may take waiting work widens with its wait, in both routing directions,
/// and the work keeps its place in line.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EscalationTests(ClusterFixture fixture)
{
    private static readonly TimeSpan StepTime = TimeSpan.FromSeconds(1);

    private readonly TestCentre _centre = new(fixture.Client);

    /// <summary>Sales needs level 4; after <see cref="StepTime"/> level 2 will do.</summary>
    private static QueueDefinition RelaxingSales() => Relaxing("sales", "sales");

    /// <summary><paramref name="queueId"/> needs <paramref name="skill"/> at level 4; after <see cref="StepTime"/> level 2 will do.</summary>
    private static QueueDefinition Relaxing(string queueId, string skill) => Queue(queueId, Needs(skill, 4)) with
    {
        Escalation = [new EscalationStep { After = StepTime, Relax = [Needs(skill, 2)] }],
    };

    [Fact]
    public async Task Push_NoOneQualifies_LowerLevelAgentOfferedOnlyAfterStepTime()
    {
        await _centre.Apply([RelaxingSales()], [Agent("junior", Has("sales", 2))]);
        var junior = await _centre.Ready("junior");

        var call = await _centre.Call("sales");

        await _centre.OfferedOnlyAfter(junior, call, StepTime);
    }

    /// <summary>Quiet queues, each with one call that only its step lets their one agent take: every call is offered
    /// once its step begins. A queue's timer may fire a little before the step, and a routing pass that judges the call
    /// just before the step must still leave a pass for after it. Each of five rounds (a centre of its own) has
    /// twenty such queues, which makes that moment come up.</summary>
    [Fact]
    public async Task Push_ManyQuietQueues_EachCallOfferedOnceItsStepBegins()
    {
        for (var round = 0; round < 5; round++)
        {
            await EachCallOfferedOnceItsStepBegins(new TestCentre(fixture.Client), queues: 20);
        }
    }

    private static async Task EachCallOfferedOnceItsStepBegins(TestCentre centre, int queues)
    {
        var numbers = Enumerable.Range(0, queues).ToArray();
        await centre.Apply([.. numbers.Select(i => Relaxing($"q{i}", $"s{i}"))], [.. numbers.Select(i => Agent($"a{i}", Has($"s{i}", 2)))]);
        var agents = await Task.WhenAll(numbers.Select(i => centre.Ready($"a{i}")));

        var calls = await Task.WhenAll(numbers.Select(i => centre.Call($"q{i}")));

        await Task.WhenAll(numbers.Select(i => centre.OfferedOnlyAfter(agents[i], calls[i], StepTime)));
    }

    [Fact]
    public async Task Push_AlsoEligibleGroup_AgentWithoutQueueSkillIsMemberAndOfferedAfterStep()
    {
        var queue = Queue("sales", Needs("sales", 3)) with
        {
            Escalation = [new EscalationStep { After = StepTime, AlsoEligible = [Needs("backup", 1)] }],
        };
        await _centre.Apply([queue], [Agent("helper", Has("backup", 1))]);
        // helper lacks the queue's skill: the tenant makes it a member (some step admits it), so it is indexed.
        var helper = await _centre.Ready("helper");

        var call = await _centre.Call("sales");

        await _centre.OfferedOnlyAfter(helper, call, StepTime);
    }

    [Fact]
    public async Task Pull_FreedAgent_TakesOlderEscalatedWorkBeforeNewerWorkItAlwaysQualifiedFor()
    {
        // junior serves "sales" (needs 4, relaxed to 2 after the step) and "general" (needs 1).
        await _centre.Apply([RelaxingSales(), Queue("general", Needs("sales", 1))], [Agent("junior", Has("sales", 2))]);
        var junior = await _centre.Ready("junior");
        var busy = await _centre.ConnectedCall("general", junior, "junior");

        var escalated = await _centre.Call("sales");
        var newer = await _centre.Call("general");
        // Let the step time pass (a wait for the clock, not for an event) while the agent is busy.
        var arrival = (await _centre.InteractionGrain(escalated).GetSnapshot()).Arrival;
        await Task.Delay(Remaining(arrival + StepTime), TestContext.Current.CancellationToken);

        // Freed: the agent pulls the best-scored work across its queues, which is the escalated, older call.
        await _centre.InteractionGrain(busy).End("junior");
        await _centre.InteractionGrain(busy).Complete("junior", new Disposition("done"));

        Assert.Equal(escalated, (await junior.NextOffer()).InteractionId);
        await _centre.InteractionGrain(escalated).Accept("junior");
        Assert.Equal([newer], (await _centre.QueueGrain("general").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task KeepsPlace_OlderWorkStillOfferedFirstOnceBothEscalated()
    {
        await _centre.Apply([RelaxingSales()], [Agent("junior", Has("sales", 2))]);
        var older = await _centre.Call("sales");
        var newer = await _centre.Call("sales");
        var newerArrival = (await _centre.InteractionGrain(newer).GetSnapshot()).Arrival;
        Assert.Equal([older, newer], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        await Task.Delay(Remaining(newerArrival + StepTime), TestContext.Current.CancellationToken);

        var junior = await _centre.Ready("junior");

        Assert.Equal(older, (await junior.NextOffer()).InteractionId);
        Assert.Equal([newer], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
    }

    /// <summary>What is left of the clock until <paramref name="until"/> (plus a little), for tests that need a step to have begun.</summary>
    private static TimeSpan Remaining(DateTimeOffset until)
    {
        var left = until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
