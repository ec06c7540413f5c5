namespace Routing.Demo;

/// <summary>
/// How a <see cref="SimulatedAgent"/> handles its work: how long it thinks before answering, how it answers
/// (accept, reject, or let the offer ring out), how long it talks and wraps up, and whether it comes back
/// after the centre made it not ready for a missed offer.
/// </summary>
public sealed record AgentBehaviour
{
    /// <summary>How long the agent looks at a ringing offer before accepting or rejecting it.</summary>
    public required DurationRange AnswerDelay { get; init; }

    /// <summary>Share of offers (0–1) the agent accepts.</summary>
    public required double AcceptShare { get; init; }

    /// <summary>Share of offers (0–1) the agent rejects. Offers neither accepted nor rejected ring out until
    /// the queue's offer timeout.</summary>
    public required double RejectShare { get; init; }

    /// <summary>How long a conversation lasts.</summary>
    public required DurationRange TalkTime { get; init; }

    /// <summary>Share of accepted calls (0–1) the agent completes straight from the conversation, without
    /// ending it first and wrapping up.</summary>
    public double CompleteOnCallShare { get; init; }

    /// <summary>How long after-call work lasts before the agent completes the interaction. Null: the agent
    /// ends the call and never completes it, so the queue's wrap-up deadline does.</summary>
    public DurationRange? WrapUp { get; init; }

    /// <summary>How long the agent takes to set itself ready again after being made not ready for a missed
    /// offer. Null: it stays not ready.</summary>
    public TimeSpan? BackFromNoAnswer { get; init; }

    /// <summary>Whether a stop lets calls already accepted finish (talk, end, wrap up, complete), as an
    /// agent at the end of a shift does; otherwise a stop drops everything at once, as when the silo
    /// under the simulation shuts down.</summary>
    public bool FinishesCallsWhenStopped { get; init; }
}
