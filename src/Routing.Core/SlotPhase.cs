namespace Routing.Core;

/// <summary>Where an interaction held by an agent stands. Every phase occupies one slot of capacity.</summary>
[GenerateSerializer]
public enum SlotPhase
{
    /// <summary>Held for an offer that is being made.</summary>
    Reserved = 0,
    /// <summary>Ringing at the agent.</summary>
    Offered = 1,
    Connected = 2,
    WrapUp = 3,
}
