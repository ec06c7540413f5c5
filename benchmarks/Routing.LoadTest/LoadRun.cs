using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Routing.Client;
using Routing.Client.Agents;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.LoadTest;

/// <summary>One run: configure the tenant, log the agents in on their own streams, send Poisson arrivals
/// for the duration, let the work finish, check every interaction reached a final state, report.</summary>
internal sealed class LoadRun(LoadSettings settings, IAnsiConsole console)
{
    /// <summary>Gateways sending the arrivals (each its own caller, as several media gateways would be).</summary>
    private const int Gateways = 8;

    private readonly Measurements _measurements = new();

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var admin = Client(Token(["admin"], null, "load-admin"));
        await admin.Admin.ApplyAsync(LoadCentre.Build(settings), cancellationToken);

        using var agentConnection = Client(token: null);
        var login = Stopwatch.StartNew();
        var sessions = await LoginAsync(agentConnection, cancellationToken);
        var loginTime = login.Elapsed;
        console.MarkupLine($"{sessions.Count:N0} agents logged in in {loginTime.TotalSeconds:F1} s");

        using var stopAgents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var agents = sessions.Select((s, i) => new LoadAgent(LoadCentre.AgentId(i), s, settings, _measurements).RunAsync(stopAgents.Token)).ToList();
        var gateways = Enumerable.Range(0, Gateways).Select(g => Client(Token(["gateway"], null, $"load-gateway-{g}"))).ToList();
        try
        {
            var sendTime = await SendArrivalsAsync(gateways, cancellationToken);
            var notFinal = await AwaitFinalAsync(gateways[0], cancellationToken);
            await stopAgents.CancelAsync();
            await Task.WhenAll(agents);
            await Task.WhenAll(sessions.Select(LogoutQuietlyAsync));
            return Report(loginTime, sendTime, notFinal);
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
    private async Task<TimeSpan> SendArrivalsAsync(List<RoutingClient> gateways, CancellationToken cancellationToken)
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
                    var create = CreateAsync(gateway, queue, hangsUp, cancellationToken);
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

    private async Task CreateAsync(RoutingClient gateway, string queueId, bool hangsUp, CancellationToken cancellationToken)
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

    private LoadReport Report(TimeSpan login, TimeSpan sending, long notFinal)
    {
        var latency = _measurements.Latency();
        return new LoadReport
        {
            At = DateTimeOffset.UtcNow,
            Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            Silos = settings.Servers.Count,
            Agents = settings.Agents,
            Queues = settings.Queues,
            TargetArrivalsPerSecond = settings.ArrivalsPerSecond,
            DurationSeconds = sending.TotalSeconds,
            AgentLoginSeconds = login.TotalSeconds,
            Created = _measurements.Created,
            CreateErrors = _measurements.CreateErrors,
            CreatedPerSecond = _measurements.Created / sending.TotalSeconds,
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
        };
    }

    private RoutingClient Client(string? token)
    {
        var options = new RoutingClientOptions { Token = token };
        foreach (var server in settings.Servers)
        {
            options.Addresses.Add(server);
        }
        return new RoutingClient(options);
    }

    private string Token(string[] roles, string? agentId, string? subject) =>
        DevTokens.Mint(settings.SigningKey, settings.Tenant, roles, agentId, TimeSpan.FromHours(4), subject);
}
