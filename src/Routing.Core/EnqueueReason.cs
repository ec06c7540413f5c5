namespace Routing.Core;

/// <summary>Why an interaction asks to enter a queue's line, which decides the admission rules that apply.</summary>
[GenerateSerializer, Alias("routing.enqueue-reason")]
public enum EnqueueReason
{
    /// <summary>It re-asserts its place, comes back from an offer or is transferred in by an agent: always admitted.</summary>
    Rejoin = 0,

    /// <summary>A new interaction: business hours, agents logged in and the size limit apply.</summary>
    New = 1,

    /// <summary>A supervisor moves it here: the size limit applies (ResourceExhausted refuses the move).</summary>
    Move = 2,

    /// <summary>Another queue overflows it here: the size limit applies (the interaction then ends as Overflowed).</summary>
    Overflow = 3,
}
