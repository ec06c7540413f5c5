namespace Routing.Demo;

/// <summary>
/// The demo simulator (<c>Routing:Demo</c>): simulated agents answer offers and simulated customers
/// arrive, so the routing engine can be watched working without any client. For trying the server
/// out only; it logs every agent of the centre file in.
/// </summary>
public sealed class DemoOptions
{
    /// <summary>Runs the simulator. The <c>--demo</c> command-line switch sets this to true.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many agents of each tenant (the first ones in the centre file) the demo logs in
    /// and makes ready. Null (the default) means all of them.</summary>
    public int? Agents { get; set; }

    /// <summary>Average new interactions per second across the whole centre (arrivals are a Poisson
    /// process, so gaps between them are random). Default 2.</summary>
    public double ArrivalsPerSecond { get; set; } = 2;

    /// <summary>Share of customers (0–1) who hang up if they are still waiting after a random
    /// <see cref="Patience"/>. Default 0.1.</summary>
    public double HangupShare { get; set; } = 0.1;

    /// <summary>How long an impatient customer waits before hanging up. Default 5–40 s.</summary>
    public DurationRange Patience { get; set; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40));

    /// <summary>Share of offers (0–1) the simulated agent accepts. Default 0.85.</summary>
    public double AcceptShare { get; set; } = 0.85;

    /// <summary>Share of offers (0–1) the simulated agent rejects. Offers neither accepted nor rejected
    /// are left ringing until the queue's offer timeout. Default 0.1 (so 5% time out).</summary>
    public double RejectShare { get; set; } = 0.1;

    /// <summary>How long a simulated conversation lasts. Default 3–12 s.</summary>
    public DurationRange TalkTime { get; set; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12));

    /// <summary>How long simulated after-call work lasts before the agent completes the interaction.
    /// Keep it below the queues' wrap-up times, or the queue's own wrap-up deadline comes first.
    /// Default 1–4 s.</summary>
    public DurationRange WrapUp { get; set; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));

    /// <summary>Most arrivals per second the simulator accepts: beyond this it measures itself, not
    /// the cluster (use the load test for that).</summary>
    public const double MaxArrivalsPerSecond = 1_000;

    /// <summary>How the demo's agents answer: a moment's thought, the shares above, then talk and
    /// wrap-up; back a second after a missed offer made them not ready.</summary>
    public AgentBehaviour Behaviour() => new()
    {
        AnswerDelay = new DurationRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)),
        AcceptShare = AcceptShare,
        RejectShare = RejectShare,
        TalkTime = TalkTime,
        WrapUp = WrapUp,
        BackFromNoAnswer = TimeSpan.FromSeconds(1),
    };

    /// <summary>Every problem with these settings, as sentences naming the setting under
    /// <paramref name="section"/> (e.g. <c>Routing:Demo</c>); none when they are usable.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (Agents is < 1)
        {
            yield return $"{section}:Agents must be at least 1 (leave it out for all agents)";
        }
        if (!(ArrivalsPerSecond is > 0 and <= MaxArrivalsPerSecond))
        {
            yield return $"{section}:ArrivalsPerSecond must be more than 0 and at most {MaxArrivalsPerSecond}";
        }
        foreach (var (name, share) in new[] { ("HangupShare", HangupShare), ("AcceptShare", AcceptShare), ("RejectShare", RejectShare) })
        {
            if (!(share is >= 0 and <= 1))
            {
                yield return $"{section}:{name} must be between 0 and 1";
            }
        }
        if (AcceptShare + RejectShare > 1)
        {
            yield return $"{section}:AcceptShare + RejectShare must be at most 1 (the rest of the offers time out)";
        }
        foreach (var (name, range) in new[] { ("Patience", Patience), ("TalkTime", TalkTime), ("WrapUp", WrapUp) })
        {
            if (range is null)
            {
                yield return $"{section}:{name} is missing";
            }
            else if (range.Problem($"{section}:{name}") is { } problem)
            {
                yield return problem;
            }
        }
    }
}
