using Routing.Client;
using Routing.Client.Gateways;
using Routing.Contracts.V1;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>
/// The workload the failure tests share: the sales agents ready on their own streams, a gateway creating
/// calls at a steady rate, and at the end every acknowledged call read back.
/// </summary>
internal sealed class LoadScenario : IAsyncDisposable
{
    private readonly ProcessCluster _cluster;
    private readonly RoutingClient _agentClient;
    private readonly RoutingClient _gatewayClient;
    private readonly GatewaySession _gatewaySession;
    private readonly CancellationTokenSource _stopLoad = new();
    private Task _load = Task.CompletedTask;

    private LoadScenario(ProcessCluster cluster)
    {
        _cluster = cluster;
        _agentClient = cluster.Client(token: null);
        _gatewayClient = cluster.Client(ProcessCluster.Token("gateway"));
        _gatewaySession = _gatewayClient.OpenGatewaySession();
        Gateway = new Gateway(_gatewayClient, Ledger, _gatewaySession);
    }

    public Ledger Ledger { get; } = new();

    public Gateway Gateway { get; }

    public List<TestAgent> Agents { get; } = [];

    /// <summary>Starts the sales agents (ready) and the held agents (not ready).</summary>
    public static async Task<LoadScenario> StartAgentsAsync(ProcessCluster cluster, CancellationToken cancellationToken)
    {
        var scenario = new LoadScenario(cluster);
        foreach (var id in cluster.SalesAgents)
        {
            scenario.Agents.Add(await TestAgent.StartAsync(id, scenario._agentClient, scenario.Ledger, ready: true, cancellationToken));
        }
        foreach (var id in cluster.HeldAgents)
        {
            scenario.Agents.Add(await TestAgent.StartAsync(id, scenario._agentClient, scenario.Ledger, ready: false, cancellationToken));
        }
        return scenario;
    }

    /// <summary>Starts the agents and the calls (15 a second into "sales"), and lets them run for <paramref name="settle"/>.</summary>
    public static async Task<LoadScenario> StartUnderLoadAsync(ProcessCluster cluster, TimeSpan settle, CancellationToken cancellationToken)
    {
        var scenario = await StartAgentsAsync(cluster, cancellationToken);
        scenario.StartLoad(perSecond: 15);
        await Task.Delay(settle, cancellationToken);
        return scenario;
    }

    public IEnumerable<TestAgent> HeldAgents => Agents.Where(a => _cluster.HeldAgents.Contains(a.AgentId));

    /// <summary>Creates calls in "sales" at <paramref name="perSecond"/> until <see cref="StopLoadAsync"/>.</summary>
    public void StartLoad(int perSecond) => _load = Gateway.RunAsync("sales", perSecond, _stopLoad.Token);

    public async Task StopLoadAsync()
    {
        await _stopLoad.CancelAsync();
        await _load;
    }

    /// <summary>Every acknowledged call, read back once final (or after <paramref name="timeout"/>) through
    /// a client of the edges alive now.</summary>
    public async Task<IReadOnlyList<InteractionSnapshot>> FinalStatesAsync(TimeSpan timeout)
    {
        using var reader = _cluster.Client(ProcessCluster.Token("gateway"));
        return await Gateway.FinalStatesAsync(reader, timeout);
    }

    /// <summary>The invariants every failure test checks: each acknowledged call completed exactly once,
    /// nothing rang at two agents at once, every agent stream that dropped resumed its session, and no
    /// agent command failed beyond the retries an agent app makes.</summary>
    public async Task AssertNothingLostAsync()
    {
        var finals = await FinalStatesAsync(TimeSpan.FromSeconds(120));
        var notCompleted = finals.Where(s => s.Status != InteractionStatus.Completed).ToList();
        Assert.True(notCompleted.Count == 0,
            $"{notCompleted.Count} of {finals.Count} acknowledged calls did not complete: {string.Join(", ", notCompleted.Take(10).Select(s => $"{s.InteractionId}={s.Status}"))}{Environment.NewLine}" +
            string.Join(Environment.NewLine, notCompleted.Take(3).Select(Story)) + Environment.NewLine + _cluster.Diagnostics());
        Assert.All(finals, s => Assert.Single(s.Events, e => e.Kind is InteractionEventKind.Completed or InteractionEventKind.Abandoned));
        await Gateway.AssertFollowedWholeAsync(finals);
        var doubleOffers = Ledger.DoubleOffers().ToList();
        Assert.True(doubleOffers.Count == 0,
            $"rang at two agents at once: {string.Join(", ", doubleOffers)}{Environment.NewLine}" +
            string.Join(Environment.NewLine, finals.Where(s => doubleOffers.Contains(s.InteractionId)).Take(3).Select(Story)));
        Assert.All(Agents.Where(a => a.Drops > 0), a => Assert.Equal(Enumerable.Repeat(true, a.Drops), a.Resumptions));
        var failed = Agents.Where(a => a.CommandFailures > 0).ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} agents had a command fail: {string.Join(", ", failed.Select(a => $"{a.AgentId} ({a.LastFailure})"))}{Environment.NewLine}{_cluster.Diagnostics()}");
    }

    /// <summary>What an unfinished call went through: its events, and every refusal an agent met for it.</summary>
    private string Story(InteractionSnapshot call) =>
        $"{call.InteractionId}: " + string.Join("; ", call.Events.Select(e => $"{e.At?.ToDateTimeOffset():HH:mm:ss.fff} {e.Kind} {e.AgentId} {e.Detail}".TrimEnd())) +
        $"{Environment.NewLine}  rang (ledger clock, {Ledger.Now.TotalSeconds:0.000} s now): {Ledger.RingsOf(call.InteractionId)}" +
        string.Concat(Agents.SelectMany(a => a.Refusals
            .Where(r => r.InteractionId == call.InteractionId || (r.InteractionId.Length == 0 && call.Events.Any(e => e.AgentId == a.AgentId)))
            .Select(r => $"{Environment.NewLine}  {a.AgentId}: {r.Refusal}")));

    public async ValueTask DisposeAsync()
    {
        await StopLoadAsync();
        foreach (var agent in Agents)
        {
            await agent.DisposeAsync();
        }
        _agentClient.Dispose();
        await _gatewaySession.DisposeAsync();
        _gatewayClient.Dispose();
    }
}
