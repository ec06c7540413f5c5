namespace Routing.Core;

/// <summary>Who reserves one of an agent's slots; it decides the membership check and who announces the agent's
/// changed availability.</summary>
public enum ReservationSource
{
    /// <summary>A queue the agent serves pushes work to it: the queues hear of its smaller availability at once.</summary>
    Queue = 0,
    /// <summary>A transfer names the agent: it need not serve the queue the work comes from.</summary>
    Named = 1,
    /// <summary>The agent's own look for work: its availability is announced when the look ends.</summary>
    OwnLook = 2,
}
