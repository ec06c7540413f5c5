namespace Routing.LoadTest;

/// <summary>One load run: the centre it builds, the traffic it sends and how the simulated agents behave.</summary>
internal sealed record LoadSettings
{
    public required IReadOnlyList<Uri> Servers { get; init; }
    public required string SigningKey { get; init; }
    public string Tenant { get; init; } = "load";
    public int Agents { get; init; } = 1_000;
    /// <summary>Agents configured in the tenant; the first <see cref="Agents"/> of them log in.</summary>
    public int ConfiguredAgents { get; init; } = 1_000;
    public int Queues { get; init; } = 10;
    public double ArrivalsPerSecond { get; init; } = 50;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>The first part of the run, whose offers are not measured (JIT, first grain activations).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Arrivals at the first phase's rate before the first phase, reported apart: the runtime compiles a
    /// method in its final, optimised tier only after its first calls (and a profiled tier between), and on one core
    /// that goes on through the first minute of traffic, so a first phase without it measures the compiler too.</summary>
    public TimeSpan WarmUpTraffic { get; init; } = TimeSpan.FromSeconds(45);
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan TalkTime { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan WrapUp { get; init; } = TimeSpan.FromSeconds(1);
    public double HangupShare { get; init; } = 0.05;
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(10);
    public int Seed { get; init; } = 1;
    /// <summary>A period with the agents logged in and ready and no traffic, measured before the first phase.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.Zero;
    /// <summary>The arrivals are SIP calls through the gateway (sipp → Routing.SipGateway → edge), each redirected to
    /// the agent who accepted it, instead of Create calls over gRPC.</summary>
    public bool ViaSip { get; init; }

    /// <summary>Every problem with these settings; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Agents is < 1 or > 200_000)
        {
            yield return "--agents must be between 1 and 200,000";
        }
        if (ConfiguredAgents < Agents || ConfiguredAgents > 200_000)
        {
            yield return "--configured-agents must be at least --agents and at most 200,000";
        }
        if (Queues is < 1 or > 1_000)
        {
            yield return "--queues must be between 1 and 1,000";
        }
        if (ArrivalsPerSecond is <= 0 or > 100_000 or double.NaN)
        {
            yield return "--rate must be more than 0 and at most 100,000 per second";
        }
        if (Duration <= TimeSpan.Zero)
        {
            yield return "--duration must be positive";
        }
        if (Idle < TimeSpan.Zero)
        {
            yield return "--idle must not be negative";
        }
        if (AnswerDelay < TimeSpan.Zero || TalkTime < TimeSpan.Zero || WrapUp < TimeSpan.Zero || Patience < TimeSpan.Zero)
        {
            yield return "times must not be negative";
        }
        if (HangupShare is < 0 or > 1 or double.NaN)
        {
            yield return "--hangup-share must be between 0 and 1";
        }
    }
}
