using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Routing.Contracts.Security;
using Routing.LoadTest;
using Spectre.Console;

var servers = new Option<string[]>("--server") { Description = "Edge of a running server; repeatable. Without it the load test starts its own." };
var silos = new Option<int>("--silos") { Description = "Silo processes to start when no --server is given (1 or more).", DefaultValueFactory = _ => 1 };
var serverDll = new Option<string?>("--server-dll") { Description = "Routing.Server.dll to start (default: the Release build in this repository)." };
var agents = new Option<int>("--agents") { Description = "Simulated agents, each on its own agent stream.", DefaultValueFactory = _ => 1_000 };
var configured = new Option<int?>("--configured-agents") { Description = "Agents configured in the tenant (default: --agents); the first --agents of them log in (the scale run)." };
var rates = new Option<string?>("--rates") { Description = "Comma-separated arrival rates run one after another with the agents still logged in, e.g. 100,200,400; stops after the first whose p99 is over --p99-target." };
var p99Target = new Option<double>("--p99-target") { Description = "p99 offer latency target in ms for --rates.", DefaultValueFactory = _ => 10 };
var queues = new Option<int>("--queues") { Description = "Queues (each agent has one primary skill, a third a second one).", DefaultValueFactory = _ => 10 };
var rate = new Option<double>("--rate") { Description = "New interactions per second (Poisson arrivals).", DefaultValueFactory = _ => 50 };
var duration = new Option<TimeSpan>("--duration") { Description = "How long arrivals are sent.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
var answer = new Option<TimeSpan>("--answer-delay") { Description = "Ringing time before an agent accepts.", DefaultValueFactory = _ => TimeSpan.FromMilliseconds(200) };
var talk = new Option<TimeSpan>("--talk") { Description = "Talk time.", DefaultValueFactory = _ => TimeSpan.FromSeconds(5) };
var wrap = new Option<TimeSpan>("--wrap-up") { Description = "Wrap-up time.", DefaultValueFactory = _ => TimeSpan.FromSeconds(1) };
var hangup = new Option<double>("--hangup-share") { Description = "Share of callers who hang up if not answered within --patience.", DefaultValueFactory = _ => 0.05 };
var patience = new Option<TimeSpan>("--patience") { Description = "How long hanging-up callers wait.", DefaultValueFactory = _ => TimeSpan.FromSeconds(10) };
var warmUp = new Option<TimeSpan>("--warm-up") { Description = "First part of the run whose offers are not measured.", DefaultValueFactory = _ => TimeSpan.FromSeconds(5) };
var warmUpTraffic = new Option<TimeSpan>("--warm-up-traffic") { Description = "Arrivals at the first phase's rate before the first phase, so the phases measure compiled code; its figures are reported apart as the cold server's (0 to skip).", DefaultValueFactory = _ => TimeSpan.FromSeconds(45) };
var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file." };
var storage = new Option<string>("--storage") { Description = "State of the servers it starts: memory, or redis (its own redis-server; clustering, grain state and reminders).", DefaultValueFactory = _ => "memory" };
var fsync = new Option<string>("--redis-fsync") { Description = "Redis appendfsync policy with --storage redis: always, everysec or no.", DefaultValueFactory = _ => "everysec" };
var idle = new Option<TimeSpan>("--idle") { Description = "Before the first phase, measure the servers with the agents logged in and ready and no traffic for this long.", DefaultValueFactory = _ => TimeSpan.Zero };
var pin = new Option<bool>("--pin") { Description = "Run the servers it starts on core 0 and the load generator on core 1 (taskset), so the figures measure the server alone." };
var history = new Option<string>("--history") { Description = "History store of the servers it starts: sqlite (a fresh file per server, the server's default), postgresql (with --history-connection) or off.", DefaultValueFactory = _ => "sqlite" };
var historyConnection = new Option<string?>("--history-connection") { Description = "Npgsql connection string with --history postgresql (one database for every silo)." };
var telemetry = new Option<string>("--telemetry") { Description = "Metrics and traces of the servers it starts: on (the server's default: Prometheus endpoint, routing meters read), off (Telemetry:Enabled=false), to measure their cost, or calls (on, and the servers count grain calls by method: Telemetry:GrainCalls=true; reported per interaction).", DefaultValueFactory = _ => "on" };
var gen0Budget = new Option<string>("--gen0-budget") { Description = "Young-generation budget of the servers it starts: image (DOTNET_GCgen0size=0x800000, as the container image sets it) or runtime (the runtime sizes it from the processor's cache), to compare the pauses.", DefaultValueFactory = _ => "image" };
var serverEnv = new Option<string[]>("--server-env") { Description = "NAME=VALUE set in the environment of the servers it starts, after the image's; repeatable (e.g. a runtime setting to compare)." };
var viaSip = new Option<bool>("--via-sip") { Description = "Send the arrivals as SIP calls (sipp) through the SIP gateway it starts, redirect mode, instead of gRPC creates; reports INVITE → 302 and the gateway's CPU per call." };
var gatewayDll = new Option<string?>("--gateway-dll") { Description = "Routing.SipGateway.dll for --via-sip (default: the one built beside the load test)." };
var key = new Option<string?>("--signing-key") { Description = "Signing key of the target server (default: the development key with --server, else a fresh key for the servers it starts)." };

var root = new RootCommand("Routing load test: simulated agents on their own streams and Poisson arrivals over gRPC; reports offer latency, throughput, errors, invariants and server CPU/memory.")
{
    servers, silos, serverDll, storage, fsync, agents, configured, queues, rate, rates, p99Target, duration, warmUp, warmUpTraffic, answer, talk, wrap, hangup, patience, idle, pin, json, key, history, historyConnection, telemetry,
    gen0Budget, serverEnv, viaSip, gatewayDll,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var console = AnsiConsole.Console;
    var settings = new LoadSettings
    {
        Servers = [.. (parse.GetValue(servers) ?? []).Select(s => new Uri(s))],
        // Servers it starts itself run as in production, with a key of their own; a server named with
        // --server is taken to be a Development one.
        SigningKey = parse.GetValue(key) ?? (parse.GetValue(servers) is { Length: > 0 } ? DevTokens.LocalDevelopmentKey : $"load-test-key-{Guid.NewGuid():N}"),
        Agents = parse.GetValue(agents),
        ConfiguredAgents = parse.GetValue(configured) ?? parse.GetValue(agents),
        Queues = parse.GetValue(queues),
        ArrivalsPerSecond = parse.GetValue(rate),
        Duration = parse.GetValue(duration),
        WarmUp = parse.GetValue(warmUp),
        WarmUpTraffic = parse.GetValue(warmUpTraffic),
        AnswerDelay = parse.GetValue(answer),
        TalkTime = parse.GetValue(talk),
        WrapUp = parse.GetValue(wrap),
        HangupShare = parse.GetValue(hangup),
        Patience = parse.GetValue(patience),
        Idle = parse.GetValue(idle),
        ViaSip = parse.GetValue(viaSip),
    };
    if (settings.ViaSip)
    {
        // Callers through the gateway do not hang up by themselves: each call ends in its 302.
        settings = settings with { HangupShare = 0 };
    }
    if (settings.Problems().ToList() is { Count: > 0 } problems)
    {
        console.MarkupLine($"[red]error:[/] {Markup.Escape(string.Join("; ", problems))}");
        return 2;
    }
    if (!TryParseRates(parse.GetValue(rates), settings.ArrivalsPerSecond, out var phaseRates))
    {
        console.MarkupLine("[red]error:[/] --rates must be a comma-separated list of rates above 0 and at most 100,000 per second");
        return 2;
    }
    var historyChoice = parse.GetValue(history)!;
    var historyDatabase = parse.GetValue(historyConnection);
    if (historyChoice is not ("sqlite" or "postgresql" or "off") || (historyChoice == "postgresql") != (historyDatabase is not null))
    {
        console.MarkupLine("[red]error:[/] --history must be sqlite, postgresql (with --history-connection) or off");
        return 2;
    }
    var telemetryChoice = parse.GetValue(telemetry)!;
    if (telemetryChoice is not ("on" or "off" or "calls"))
    {
        console.MarkupLine("[red]error:[/] --telemetry must be on, off or calls");
        return 2;
    }
    var gen0Choice = parse.GetValue(gen0Budget)!;
    if (gen0Choice is not ("image" or "runtime"))
    {
        console.MarkupLine("[red]error:[/] --gen0-budget must be image or runtime");
        return 2;
    }
    var serverEnvironment = gen0Choice == "image" ? new Dictionary<string, string>(ServerProcesses.ImageGarbageCollector(), StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var setting in parse.GetValue(serverEnv) ?? [])
    {
        if (setting.Split('=', 2) is not [{ Length: > 0 } name, var value])
        {
            console.MarkupLine($"[red]error:[/] --server-env needs NAME=VALUE, not '{Markup.Escape(setting)}'");
            return 2;
        }
        serverEnvironment[name] = value;
    }
    var storageChoice = parse.GetValue(storage)!;
    var fsyncPolicy = parse.GetValue(fsync)!;
    if (storageChoice is not ("memory" or "redis") || fsyncPolicy is not ("always" or "everysec" or "no"))
    {
        console.MarkupLine("[red]error:[/] --storage must be memory or redis; --redis-fsync always, everysec or no");
        return 2;
    }
    if (storageChoice == "redis" && settings.Servers.Count > 0)
    {
        console.MarkupLine("[red]error:[/] --storage applies to servers the load test starts; it cannot be combined with --server");
        return 2;
    }
    var pinned = parse.GetValue(pin);
    if (pinned && (settings.Servers.Count > 0 || Environment.ProcessorCount < 2))
    {
        console.MarkupLine("[red]error:[/] --pin needs at least two cores and applies to servers the load test starts (not with --server)");
        return 2;
    }
    if (pinned)
    {
        await CorePlacement.PinThisProcessAsync(CorePlacement.LoadGeneratorCore, cancellationToken);
    }
    await using var redis = storageChoice == "redis" ? await LoadRedis.StartAsync(fsyncPolicy) : null;
    await using var started = settings.Servers.Count == 0 ? await StartServersAsync(parse.GetValue(serverDll), parse.GetValue(silos), redis?.Address, settings.SigningKey, pinned ? CorePlacement.ServerCore : null, [.. HistorySettings(historyChoice, historyDatabase), .. TelemetrySettings(telemetryChoice)], serverEnvironment, cancellationToken) : null;
    if (started is not null)
    {
        settings = settings with { Servers = started.Edges };
    }
    using var sampling = new CancellationTokenSource();
    var sampler = started is null ? Task.CompletedTask : SampleAsync(started, sampling.Token);
    var stopAbove = parse.GetValue(rates) is null ? (double?)null : parse.GetValue(p99Target);
    // The gateway and sipp share the load generator's core when pinned: the server's core measures the server alone.
    int? generatorCore = pinned ? CorePlacement.LoadGeneratorCore : null;
    await using var sipGateway = settings.ViaSip
        ? await SipGatewayProcess.StartAsync(parse.GetValue(gatewayDll) ?? Path.Combine(AppContext.BaseDirectory, "Routing.SipGateway.dll"), settings.Servers,
            DevTokens.Mint(settings.SigningKey, settings.Tenant, ["gateway"], null, TimeSpan.FromHours(4), "load-sip-gateway"), generatorCore, cancellationToken)
        : null;
    var result = await new LoadRun(settings, console, started, sipGateway, generatorCore).RunAsync(phaseRates, stopAbove, redis, cancellationToken);
    await sampling.CancelAsync();
    await sampler;
    if (stopAbove is { } target)
    {
        result = result with { HighestRateWithinTarget = result.Phases.Where(p => p.OfferLatencyP99Ms <= target).Select(p => (double?)p.TargetArrivalsPerSecond).Max() };
    }
    if (pinned)
    {
        result = result with { Placement = $"servers on core {CorePlacement.ServerCore}, load generator on core {CorePlacement.LoadGeneratorCore}" };
    }
    console.Write(Summary(result));
    if (parse.GetValue(json) is { } path)
    {
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), cancellationToken);
        console.MarkupLine($"figures written to {Markup.Escape(path)}");
    }
    return result.KeptInvariants() ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();

static bool TryParseRates(string? text, double single, out IReadOnlyList<double> parsed)
{
    if (text is null)
    {
        parsed = [single];
        return true;
    }
    var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : double.NaN)
        .ToList();
    parsed = values;
    return values.Count > 0 && values.All(r => r is > 0 and <= 100_000);
}
static string[] HistorySettings(string choice, string? connectionString) => choice switch
{
    "off" => ["--History:Enabled=false"],
    "postgresql" => ["--History:Provider=PostgreSql", $"--History:ConnectionString={connectionString}"],
    // A fresh file per run and server, so one run's rows never slow the next.
    _ => ["--History:Provider=Sqlite", $"--History:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), $"routing-load-history-{Guid.NewGuid():N}.db")}"],
};

static string[] TelemetrySettings(string choice) => choice switch
{
    "off" => ["--Telemetry:Enabled=false"],
    "calls" => ["--Telemetry:GrainCalls=true"],
    _ => [],
};

static async Task<ServerProcesses> StartServersAsync(string? dll, int count, string? redisAddress, string signingKey, int? core, string[] history, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
{
    dll ??= FindServerDll();
    var centre = Path.Combine(Path.GetTempPath(), $"routing-load-centre-{Guid.NewGuid():N}.json");
    // The load tenant is applied through the admin API; the servers start with a one-queue placeholder
    // (a centre file must define a tenant).
    await File.WriteAllTextAsync(centre, """{ "tenants": [ { "tenantId": "placeholder", "queues": [ { "queueId": "q" } ] } ] }""", cancellationToken);
    AnsiConsole.MarkupLine($"starting {count} silo(s) from {Markup.Escape(dll)}");
    AnsiConsole.MarkupLine($"history: {Markup.Escape(string.Join(' ', history))}");
    AnsiConsole.MarkupLine($"environment: {Markup.Escape(environment.Count == 0 ? "the runtime's own GC sizing" : string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}")))}");
    return await ServerProcesses.StartAsync(dll, centre, Math.Max(1, count), redisAddress, signingKey, core, history, environment, cancellationToken);
}

static string FindServerDll()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "src", "Routing.Server", "bin", "Release", "net10.0", "Routing.Server.dll");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }
    throw new FileNotFoundException("Routing.Server.dll (Release) not found: run `dotnet build -c Release src/Routing.Server` or pass --server-dll");
}

static async Task SampleAsync(ServerProcesses servers, CancellationToken stop)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    try
    {
        while (await timer.WaitForNextTickAsync(stop))
        {
            servers.Sample();
        }
    }
    catch (OperationCanceledException)
    {
        // The run is over.
    }
}

static Table Summary(LoadResult result)
{
    string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
    string Invariants(LoadReport r) => $"{(r.DoubleOffers == 0 ? "[green]0[/]" : $"[red]{r.DoubleOffers}[/]")} / {(r.NotFinal == 0 ? "[green]0[/]" : $"[red]{r.NotFinal}[/]")}";
    // Warm-up traffic that broke an invariant ends the run before any phase: then its figures are the table's column.
    IReadOnlyList<LoadReport> phases = result.Phases.Count == 0 && result.WarmUpTraffic is { } only ? [only] : result.Phases;
    var table = new Table().Title("Load test").AddColumn("Figure");
    foreach (var phase in phases)
    {
        table.AddColumn($"{N(phase.TargetArrivalsPerSecond)}/s");
    }
    void Row(string figure, Func<LoadReport, string> value) => table.AddRow([figure, .. phases.Select(value)]);
    void Once(string figure, string value) => table.AddRow([figure, value, .. phases.Skip(1).Select(_ => "")]);
    if (phases.Count == 0)
    {
        return table;
    }
    var first = phases[0];
    Once("machine", Markup.Escape(first.Machine));
    Once("silos / agents connected / configured / queues", $"{first.Silos} / {N(result.ConnectedAgents)} / {N(result.ConfiguredAgents)} / {first.Queues}");
    Once("state", Markup.Escape(first.Storage));
    Once("placement", Markup.Escape(result.Placement));
    if (result.Idle is { } idleCost)
    {
        Once($"idle {N(idleCost.Seconds)} s: server CPU mean / peak (% of one core)", $"{N(idleCost.CpuMeanPercent, "F1")} / {N(idleCost.CpuPeakPercent, "F1")}");
        Once("idle: allocated / collections", $"{N(idleCost.AllocatedMiBPerSecond, "F2")} MiB/s / {N(idleCost.Collections)}");
    }
    if (result.WarmUpTraffic is { } cold)
    {
        Once($"warm-up traffic ({N(cold.DurationSeconds)} s at {N(cold.TargetArrivalsPerSecond)}/s, a cold server): offer p50 / p99, CPU / allocation per interaction",
            $"{N(cold.OfferLatencyP50Ms, "F1")} / {N(cold.OfferLatencyP99Ms, "F1")} ms, {N(cold.ServerCpuMsPerInteraction ?? 0, "F2")} ms / {N(cold.ServerAllocatedKBPerInteraction ?? 0, "F1")} KB");
        Once("warm-up traffic: double offers / not final (lost)", Invariants(cold));
    }
    Once("configure / agent login", $"{N(result.ConfigureSeconds, "F1")} s / {N(result.AgentLoginSeconds, "F1")} s");
    if (result.ServerMiBPerConnectedAgent is { } perConnected)
    {
        Once("server memory per configured / per connected agent", $"{N((result.ServerMiBPerConfiguredAgent ?? 0) * 1024, "F1")} KiB / {N(perConnected * 1024, "F1")} KiB");
        Once("server memory, agents logged in", $"{N(result.ServerMiBWithAgentsLoggedIn ?? 0)} MiB");
    }
    if (first.StateWritesPerInteraction is { } writes)
    {
        Once("storage writes per interaction (state / reminders)", $"{N(writes, "F1")} / {N(first.ReminderWritesPerInteraction ?? 0, "F1")}");
        Once("bytes sent to storage per interaction", $"{N(first.StorageBytesPerInteraction ?? 0, "N0")}");
    }
    Row("arrivals sent", r => $"{N(r.CreatedPerSecond, "F1")}/s over {N(r.DurationSeconds, "F1")} s");
    Row("routed (first offers)", r => $"{N(r.RoutedPerSecond, "F1")}/s");
    Row("created / errors", r => $"{N(r.Created)} / {N(r.CreateErrors)}");
    Row("offers / accepted / completed / hung up", r => $"{N(r.Offers)} / {N(r.Accepted)} / {N(r.Completed)} / {N(r.HungUp)}");
    Row("offer latency p50 / p95 (ms)", r => $"{N(r.OfferLatencyP50Ms, "F1")} / {N(r.OfferLatencyP95Ms, "F1")}");
    Row("offer latency p99 / max (ms)", r => $"{N(r.OfferLatencyP99Ms, "F1")} / {N(r.OfferLatencyMaxMs, "F1")}");
    Row("latency samples", r => N(r.LatencySamples));
    Row("double offers / not final (lost)", Invariants);
    Row("command errors", r => N(r.CommandErrors));
    if (phases.Any(p => p.SipCalls is not null))
    {
        Row("SIP calls / failed", r => $"{N(r.SipCalls ?? 0)} / {N(r.SipFailedCalls ?? 0)}");
        Row("INVITE → 302 p50 / p99 (ms)", r => $"{N(r.InviteToRedirectP50Ms ?? 0, "F1")} / {N(r.InviteToRedirectP99Ms ?? 0, "F1")}");
        Row("gateway CPU per call", r => $"{N(r.GatewayCpuMsPerCall ?? 0, "F3")} ms");
    }
    if (first.ServerCpuMeanPercent is not null)
    {
        Row("server CPU mean / peak (% of one core)", r => $"{N(r.ServerCpuMeanPercent ?? 0, "F0")} / {N(r.ServerCpuPeakPercent ?? 0, "F0")}");
        Row("server peak memory", r => $"{N(r.ServerPeakMemoryMiB ?? 0)} MiB");
        Row("server CPU per interaction", r => $"{N(r.ServerCpuMsPerInteraction ?? 0, "F2")} ms");
        Row("server allocation per interaction", r => $"{N(r.ServerAllocatedKBPerInteraction ?? 0, "F1")} KB");
        Row("grain messages per interaction", r => r.ServerMessagesPerInteraction is { } messages ? N(messages, "F1") : "–");
        if (first.GrainCallsPerInteraction is not null)
        {
            Row("grain calls per interaction (counted; most first)", r => r.GrainCallsPerInteraction is { } calls
                ? $"{N(calls.Values.Sum(), "F1")}: " + string.Join(", ", calls.Take(5).Select(c => $"{c.Key} {N(c.Value, "F2")}"))
                : "–");
        }
        Row("GC collections / pause p99 / max (ms)", r => $"{N(r.GcCollections ?? 0)} / {N(r.GcPauseP99Ms ?? 0, "F1")} / {N(r.GcPauseMaxMs ?? 0, "F1")}");
        Row("load generator's own GC pauses (total ms)", r => N(r.LoadGeneratorGcPauseMs ?? 0, "F0"));
        Row("longest GC pause: generation, kind / suspending (ms)", r => r.GcPauses.Count == 0 ? "-" : $"gen {r.GcPauses[^1].Generation}, {r.GcPauses[^1].Kind} / {N(r.GcPauses[^1].SuspendMs, "F1")}");
    }
    if (result.HighestRateWithinTarget is { } highest)
    {
        Once("highest rate within the p99 target", $"{N(highest)}/s");
    }
    return table;
}
