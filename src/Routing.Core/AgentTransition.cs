namespace Routing.Core;

/// <summary>
/// What a transition of <see cref="AgentWorkload"/> decided: refused (with why; nothing changed), or accepted
/// with the moments to record and the effects to carry out.
/// </summary>
public sealed record AgentTransition
{
    private static readonly AgentTransition[] RefusedBy =
        [.. Enum.GetValues<AgentRefusal>().Select(r => new AgentTransition { Refusal = r })];

    /// <summary>Why it was refused; null when accepted.</summary>
    public AgentRefusal? Refusal { get; private init; }

    /// <summary>For <see cref="AgentRefusal.InvalidReason"/>: what is wrong with the reason.</summary>
    public string? Problem { get; private init; }

    public bool Accepted => Refusal is null;

    public AgentEffects Effects { get; private init; }

    /// <summary>The history entries, in order; at least one when accepted.</summary>
    public IReadOnlyList<AgentMoment> Moments { get; private init; } = [];

    /// <summary>Offers ringing when the agent went Offline: the grain withdraws each from its interaction.</summary>
    public IReadOnlyList<string> Withdraw { get; private init; } = [];

    /// <summary>Refusals carry no data, so one instance of each serves every call (the reservation path is hot).</summary>
    public static AgentTransition Refused(AgentRefusal refusal) => RefusedBy[(int)refusal];

    public static AgentTransition Invalid(string problem) => new() { Refusal = AgentRefusal.InvalidReason, Problem = problem };

    public static AgentTransition Accept(IReadOnlyList<AgentMoment> moments, AgentEffects effects = AgentEffects.None, IReadOnlyList<string>? withdraw = null) =>
        new() { Moments = moments, Effects = effects, Withdraw = withdraw ?? [] };

    public bool Has(AgentEffects effect) => (Effects & effect) == effect;
}
