using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Routing.Client;
using Routing.Client.Agents;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.LoadTest;

/// <summary>One run: configure the tenant, log the agents in on their own streams, then one phase per arrival
/// rate: send Poisson arrivals for the duration, let the work finish, check every interaction reached a
/// final state, report. With several rates the agents stay logged in, and the run stops after the first
/// phase whose p99 offer latency is over the target.</summary>
internal sealed class LoadRun(LoadSettings settings, IAnsiConsole console, ServerProcesses? servers, SipGatewayProcess? sipGateway = null, int? sippCore = null)
{
    /// <summary>Gateways sending the arrivals (each its own caller, as several media gateways would be).</summary>
    private const int Gateways = 8;

    private Measurements _measurements = new();

    /// <summary>Runs the phases. <paramref name="storage"/>, when given, is asked to count storage traffic from just
    /// before each phase and to add it to that phase's report.</summary>
    public async Task<LoadResult> RunAsync(IReadOnlyList<double> rates, double? stopAboveP99Ms, LoadRedis? storage, CancellationToken cancellationToken)
    {
        var beforeApply = servers?.WorkingSet();
        // Configuring 100,000 agents takes longer than a routine call's 15 s deadline.
        using var admin = Client(Token(["admin"], null, "load-admin"), TimeSpan.FromMinutes(10));
        var apply = Stopwatch.StartNew();
        await admin.Admin.ApplyAsync(LoadCentre.Build(settings), cancellationToken);
        var applyTime = apply.Elapsed;
        console.MarkupLine($"{settings.ConfiguredAgents:N0} agents and {settings.Queues} queues configured in {applyTime.TotalSeconds:F1} s");
        var beforeLogin = servers?.WorkingSet();

        using var agentConnection = Client(token: null);
        var login = Stopwatch.StartNew();
        var sessions = await LoginAsync(agentConnection, cancellationToken);
        var loginTime = login.Elapsed;
        console.MarkupLine($"{sessions.Count:N0} agents logged in in {loginTime.TotalSeconds:F1} s");

        using var stopAgents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var simulated = sessions.Select((s, i) => new LoadAgent(LoadCentre.AgentId(i), s, settings, () => _measurements)).ToList();
        // Every agent is ready before the first arrival, so the first phase does not measure the login storm.
        await Parallel.ForEachAsync(simulated, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (agent, ct) => await agent.ReadyAsync(ct));
        var agents = simulated.Select(a => a.RunAsync(stopAgents.Token)).ToList();
        var afterLogin = servers?.WorkingSet();
        var idle = await MeasureIdleAsync(cancellationToken);
        var gateways = Enumerable.Range(0, Gateways).Select(g => Client(Token(["gateway"], null, $"load-gateway-{g}"))).ToList();
        var phases = new List<LoadReport>();
        try
        {
            var warmUpTraffic = settings.WarmUpTraffic > TimeSpan.Zero
                ? await RunPhaseAsync(settings with { ArrivalsPerSecond = rates[0], Duration = settings.WarmUpTraffic, WarmUp = TimeSpan.Zero }, gateways, storage, "warm-up traffic (not a phase)", cancellationToken)
                : null;
            // Traffic that lost work or double-offered ends the run, warm-up or not.
            foreach (var rate in warmUpTraffic?.KeptInvariants() == false ? [] : rates)
            {
                var report = await RunPhaseAsync(settings with { ArrivalsPerSecond = rate }, gateways, storage, $"{rate:N0}/s", cancellationToken);
                phases.Add(report);
                if (report.OfferLatencyP99Ms > stopAboveP99Ms || !report.KeptInvariants())
                {
                    break;
                }
            }
            await stopAgents.CancelAsync();
            await Task.WhenAll(agents);
            await Task.WhenAll(sessions.Select(LogoutQuietlyAsync));
            return new LoadResult
            {
                ConfiguredAgents = settings.ConfiguredAgents,
                ConnectedAgents = sessions.Count,
                ConfigureSeconds = applyTime.TotalSeconds,
                AgentLoginSeconds = loginTime.TotalSeconds,
                ServerMiBPerConfiguredAgent = PerAgentMiB(beforeApply, beforeLogin, settings.ConfiguredAgents),
                ServerMiBPerConnectedAgent = PerAgentMiB(beforeLogin, afterLogin, sessions.Count),
                ServerMiBWithAgentsLoggedIn = afterLogin / (1024.0 * 1024),
                Phases = phases,
                Idle = idle,
                WarmUpTraffic = warmUpTraffic,
            };
        }
        finally
        {
            gateways.ForEach(g => g.Dispose());
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Sends one period of arrivals at <paramref name="phase"/>'s rate, waits until every interaction it
    /// created is final, and reports it.</summary>
    private async Task<LoadReport> RunPhaseAsync(LoadSettings phase, List<RoutingClient> gateways, LoadRedis? storage, string name, CancellationToken cancellationToken)
    {
        _measurements = new Measurements();
        if (servers is not null)
        {
            await servers.ResetUsageAsync(cancellationToken);
        }
        var generatorPausedBefore = GC.GetTotalPauseDuration();
        if (storage is not null)
        {
            await storage.StartPhaseAsync();
        }
        sipGateway?.ResetUsage();
        var (sendTime, sip) = sipGateway is null
            ? (await SendArrivalsAsync(phase, gateways, cancellationToken), null)
            : await SendCallsAsync(phase, sipGateway, cancellationToken);
        var served = await AwaitServedAsync(cancellationToken);
        var gatewayCpu = sipGateway?.CpuSinceReset();
        var notFinal = await AwaitFinalAsync(gateways[0], cancellationToken);
        var report = Report(phase, sendTime, notFinal, served) with
        {
            LoadGeneratorGcPauseMs = (GC.GetTotalPauseDuration() - generatorPausedBefore).TotalMilliseconds,
        };
        if (sip is not null)
        {
            report = report with
            {
                SipCalls = sip.Calls,
                SipFailedCalls = sip.Failed,
                InviteToRedirectP50Ms = Percentiles.Of([.. sip.InviteToRedirectMs.Order()], 0.50),
                InviteToRedirectP99Ms = Percentiles.Of([.. sip.InviteToRedirectMs.Order()], 0.99),
                GatewayCpuMsPerCall = gatewayCpu?.TotalMilliseconds / Math.Max(1, sip.Successful),
            };
            console.MarkupLine($"{Markup.Escape(name)} via SIP: {sip.Successful:N0} of {sip.Calls:N0} calls redirected ({sip.Failed:N0} failed), INVITE → 302 p50 {report.InviteToRedirectP50Ms:F1} ms, p99 {report.InviteToRedirectP99Ms:F1} ms, gateway CPU {report.GatewayCpuMsPerCall:F3} ms per call");
        }
        if (storage is not null)
        {
            report = await storage.AddToAsync(report);
        }
        console.MarkupLine($"{Markup.Escape(name)}: offer latency p50 {report.OfferLatencyP50Ms:F1} ms, p99 {report.OfferLatencyP99Ms:F1} ms, server CPU {report.ServerCpuMeanPercent ?? 0:F0} %");
        return report;
    }

    private static double? PerAgentMiB(long? before, long? after, int agents) =>
        before is { } b && after is { } a && agents > 0 ? (a - b) / (1024.0 * 1024) / agents : null;

    private async Task<List<AgentSession>> LoginAsync(RoutingClient connection, CancellationToken cancellationToken)
    {
        var sessions = new AgentSession[settings.Agents];
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("agents logging in", maxValue: settings.Agents);
            await Parallel.ForEachAsync(Enumerable.Range(0, settings.Agents), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var agentId = LoadCentre.AgentId(i);
                sessions[i] = await connection.OpenAgentSessionAsync(agentId, token: Token(["agent"], agentId, null), cancellationToken: ct);
                task.Increment(1);
            });
        });
        return [.. sessions];
    }

    /// <summary>Sends the arrivals; returns how long sending them took (the in-flight calls are awaited after).</summary>
    private async Task<TimeSpan> SendArrivalsAsync(LoadSettings settings, List<RoutingClient> gateways, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var inFlight = new ConcurrentDictionary<Task, byte>();
        var total = settings.ArrivalsPerSecond * settings.Duration.TotalSeconds;
        var clock = Stopwatch.StartNew();
        // Offers of interactions created during the warm-up (JIT, first activations) are not measured.
        _measurements.MeasureFrom(Stopwatch.GetTimestamp() + (long)(settings.WarmUp.TotalSeconds * Stopwatch.Frequency));
        var next = TimeSpan.Zero;
        var sent = 0;
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"arrivals at {settings.ArrivalsPerSecond:N0}/s", maxValue: total);
            while (next < settings.Duration)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }
                // Send every arrival that is due (catching up if the timer fired late).
                while (next <= clock.Elapsed && next < settings.Duration)
                {
                    var gateway = gateways[sent % gateways.Count];
                    var queue = LoadCentre.QueueId(random.Next(settings.Queues));
                    var hangsUp = random.NextDouble() < settings.HangupShare;
                    var create = CreateAsync(settings, gateway, queue, hangsUp, cancellationToken);
                    inFlight[create] = 0;
                    _ = create.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
                    sent++;
                    next += TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / settings.ArrivalsPerSecond);
                }
                task.Value = sent;
            }
            task.Value = total;
        });
        var sendTime = clock.Elapsed;
        await Task.WhenAll(inFlight.Keys);
        return sendTime;
    }

    /// <summary>--via-sip: the phase's calls go through the SIP gateway; every call's interaction (its id computed from
    /// the Call-ID and From tag, as the gateway computes it) is then checked like a created one.</summary>
    private async Task<(TimeSpan Sending, SipPhaseResult Sip)> SendCallsAsync(LoadSettings settings, SipGatewayProcess gateway, CancellationToken cancellationToken)
    {
        var prefix = $"load-{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        var sip = await console.Status().StartAsync($"{settings.ArrivalsPerSecond:N0} calls/s through the SIP gateway", _ =>
            SipArrivals.RunAsync(gateway.Port, settings.ArrivalsPerSecond, settings.Duration, settings.Queues, settings.Seed, prefix, sippCore, cancellationToken));
        var sending = clock.Elapsed;
        for (var n = 1L; n <= sip.Calls; n++)
        {
            var (callId, fromTag) = SipArrivals.Call(prefix, n);
            _measurements.Creating(Routing.SipGateway.Calls.CallInteractionId.Of(callId, fromTag));
            _measurements.CreateSucceeded();
        }
        return (sending, sip);
    }

    private async Task CreateAsync(LoadSettings settings, RoutingClient gateway, string queueId, bool hangsUp, CancellationToken cancellationToken)
    {
        var id = InteractionsClient.NewInteractionId();
        _measurements.Creating(id);
        try
        {
            await gateway.Interactions.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = queueId, CustomerNumber = "+441234567890" }, cancellationToken);
            _measurements.CreateSucceeded();
        }
        catch (RpcException)
        {
            _measurements.CreateFailed(id);
            return;
        }
        if (hangsUp)
        {
            await Task.Delay(settings.Patience, cancellationToken);
            if (!_measurements.IsConnected(id))
            {
                try
                {
                    await gateway.Interactions.HangupAsync(id, cancellationToken);
                    _measurements.HungUp();
                }
                catch (RpcException)
                {
                    _measurements.CommandFailed();
                }
            }
        }
    }

    /// <summary>How long after the last agent is ready the idle window starts. The logins' own work goes on for
    /// seconds after the last one: the history writer's batches of 10,000 state changes, the collections of the
    /// logins' garbage, and the tiered compiler rewriting the login path (it runs at tier 0 until then); on one
    /// core that shows as samples of 30 % up to 10 s after. That is the cost of logging in, not of idle agents.</summary>
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(20);

    /// <summary>With --idle and servers it started: what the logged-in, ready agents cost the servers while no
    /// work arrives (session renewals, keepalives, timers).</summary>
    private async Task<IdleReport?> MeasureIdleAsync(CancellationToken cancellationToken)
    {
        if (servers is null || settings.Idle <= TimeSpan.Zero)
        {
            return null;
        }
        await Task.Delay(IdleSettle, cancellationToken);
        servers.ResetUsage();
        await console.Status().StartAsync($"measuring the idle cost for {settings.Idle.TotalSeconds:N0} s", _ => Task.Delay(settings.Idle, cancellationToken));
        var usage = servers.Usage();
        var gc = servers.GarbageCollection();
        var report = new IdleReport
        {
            Seconds = settings.Idle.TotalSeconds,
            CpuMeanPercent = usage.MeanCpu,
            CpuPeakPercent = usage.PeakCpu,
            AllocatedMiBPerSecond = gc.AllocatedBytes / (1024.0 * 1024) / settings.Idle.TotalSeconds,
            Collections = gc.Collections,
            CpuPercentBySecond = servers.CpuSamples(),
            GcPauses = gc.Pauses,
        };
        console.MarkupLine($"idle: server CPU mean {report.CpuMeanPercent:F1} %, peak {report.CpuPeakPercent:F1} % of one core, {report.AllocatedMiBPerSecond:F2} MiB/s allocated");
        return report;
    }

    /// <summary>Waits, without asking the servers anything, until the agents completed or the callers hung up every
    /// interaction created (or the time the work needs runs out), and returns what the servers had used by then:
    /// the cost of the phase's lifecycles without the polling that follows.</summary>
    private async Task<PhaseCost?> AwaitServedAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.TalkTime + settings.WrapUp + settings.Patience + TimeSpan.FromMinutes(1);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (_measurements.Completed + _measurements.Hangups < _measurements.Created && DateTime.UtcNow < deadline)
        {
            await tick.WaitForNextTickAsync(cancellationToken);
        }
        if (servers is null)
        {
            return null;
        }
        // Read after the CPU, so the scrape is not counted in it.
        var cpu = servers.CpuSinceReset();
        var garbageCollection = servers.GarbageCollection();
        return new PhaseCost(cpu, garbageCollection, await servers.CountsSinceResetAsync(cancellationToken));
    }

    /// <summary>Waits until every created interaction is final (completed or abandoned), up to the time the
    /// work in hand needs plus a minute; returns how many are still not final.</summary>
    private async Task<long> AwaitFinalAsync(RoutingClient gateway, CancellationToken cancellationToken)
    {
        var pending = _measurements.CreatedIds.ToList();
        var deadline = DateTime.UtcNow + settings.TalkTime + settings.WrapUp + settings.Patience + TimeSpan.FromMinutes(1);
        await console.Status().StartAsync("waiting for every interaction to finish", async status =>
        {
            while (pending.Count > 0 && DateTime.UtcNow < deadline)
            {
                var stillOpen = new ConcurrentBag<string>();
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (id, ct) =>
                {
                    var snapshot = await gateway.Interactions.GetAsync(id, ct);
                    if (snapshot.Status is not (InteractionStatus.Completed or InteractionStatus.Abandoned))
                    {
                        stillOpen.Add(id);
                    }
                });
                pending = [.. stillOpen];
                status.Status($"waiting for {pending.Count:N0} interactions to finish");
                if (pending.Count > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        });
        return pending.Count;
    }

    private static async Task LogoutQuietlyAsync(AgentSession session)
    {
        try
        {
            await session.LogoutAsync();
        }
        catch (AgentCommandException)
        {
            // Still holding work (a late offer): the grace period takes it back.
        }
    }

    private LoadReport Report(LoadSettings settings, TimeSpan sending, long notFinal, PhaseCost? cost)
    {
        var latency = _measurements.Latency();
        var usage = servers?.Usage();
        var pauses = cost?.GarbageCollection.Pauses.OrderBy(p => p.TotalMs).ToArray() ?? [];
        var perInteraction = Math.Max(1, _measurements.Created);
        return new LoadReport
        {
            At = DateTimeOffset.UtcNow,
            Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            Silos = settings.Servers.Count,
            Agents = settings.Agents,
            Queues = settings.Queues,
            TargetArrivalsPerSecond = settings.ArrivalsPerSecond,
            DurationSeconds = sending.TotalSeconds,
            Created = _measurements.Created,
            CreateErrors = _measurements.CreateErrors,
            CreatedPerSecond = _measurements.Created / sending.TotalSeconds,
            RoutedPerSecond = _measurements.RoutedPerSecond(),
            Offers = _measurements.Offers,
            Accepted = _measurements.AcceptedCount,
            Completed = _measurements.Completed,
            HungUp = _measurements.Hangups,
            CommandErrors = _measurements.CommandErrors,
            OfferLatencyP50Ms = latency.P50,
            OfferLatencyP95Ms = latency.P95,
            OfferLatencyP99Ms = latency.P99,
            OfferLatencyMaxMs = latency.Max,
            LatencySamples = latency.Samples,
            DoubleOffers = _measurements.DoubleOffers,
            NotFinal = notFinal,
            ServerCpuMeanPercent = usage?.MeanCpu,
            ServerCpuPeakPercent = usage?.PeakCpu,
            ServerPeakMemoryMiB = usage?.PeakMemory / (1024.0 * 1024),
            ServerCpuMsPerInteraction = cost?.Cpu.TotalMilliseconds / perInteraction,
            ServerAllocatedKBPerInteraction = cost?.GarbageCollection.AllocatedBytes / 1000.0 / perInteraction,
            ServerMessagesPerInteraction = cost?.Counts.Sent / (double)perInteraction,
            GrainCallsPerInteraction = GrainCallsPer(cost, perInteraction),
            GcCollections = cost?.GarbageCollection.Collections,
            GcPauseP99Ms = pauses.Length == 0 ? null : Percentiles.Of([.. pauses.Select(p => p.TotalMs)], 0.99),
            GcPauseMaxMs = pauses.Length == 0 ? null : pauses[^1].TotalMs,
            GcPauses = pauses,
        };
    }

    /// <summary>The grain calls the servers counted over the phase per interaction created, most first, by
    /// "interface.method"; null unless they count them (<c>--telemetry calls</c>).</summary>
    private static Dictionary<string, double>? GrainCallsPer(PhaseCost? cost, long perInteraction) =>
        cost is null || cost.Counts.GrainCalls.Count == 0
            ? null
            : cost.Counts.GrainCalls.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => Math.Round(p.Value / (double)perInteraction, 3), StringComparer.Ordinal);

    private RoutingClient Client(string? token, TimeSpan? callTimeout = null)
    {
        var options = new RoutingClientOptions { Token = token };
        if (callTimeout is { } timeout)
        {
            options.CallTimeout = timeout;
        }
        foreach (var server in settings.Servers)
        {
            options.Addresses.Add(server);
        }
        return new RoutingClient(options);
    }

    private string Token(string[] roles, string? agentId, string? subject) =>
        DevTokens.Mint(settings.SigningKey, settings.Tenant, roles, agentId, TimeSpan.FromHours(4), subject);
}
