namespace Routing.Core.Statistics;

/// <summary>
/// The expected wait announced to a contact joining a queue ("your expected wait is about 3 minutes").
/// </summary>
public static class EstimatedWait
{
    /// <summary>
    /// The standard position-based estimate: a new contact behind <paramref name="waitingAhead"/>
    /// others is answered once that many contacts plus one have been handed to agents, and
    /// <paramref name="agentsStaffed"/> agents free up one every AHT ÷ agents on average, so the wait is
    /// (<paramref name="waitingAhead"/> + 1) × AHT ÷ <paramref name="agentsStaffed"/>.
    /// </summary>
    /// <param name="waitingAhead">Contacts that will be served before the new one (0 for an empty line).</param>
    /// <param name="agentsStaffed">Agents who can take the queue's work (available or busy; not those
    /// not ready or offline).</param>
    /// <param name="averageHandleTime">The recent average talk + wrap-up time; null, zero or negative
    /// when unknown (nothing completed recently).</param>
    /// <param name="averageSpeedOfAnswer">The recent average wait of answered contacts, the fallback
    /// when the handle time is unknown.</param>
    /// <returns>
    /// The estimate; null (unknown) when no agent is staffed, since then no time can be promised;
    /// the recent average speed of answer (itself null when nobody was answered) when the handle time
    /// is unknown. The estimate assumes every staffed agent is busy: when an agent is free and nobody
    /// is ahead, the caller may announce no wait at all. Capped at <see cref="TimeSpan.MaxValue"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="waitingAhead"/> or
    /// <paramref name="agentsStaffed"/> is negative.</exception>
    public static TimeSpan? ForNewArrival(int waitingAhead, int agentsStaffed, TimeSpan? averageHandleTime, TimeSpan? averageSpeedOfAnswer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waitingAhead);
        ArgumentOutOfRangeException.ThrowIfNegative(agentsStaffed);
        if (agentsStaffed == 0)
        {
            return null;
        }
        if (averageHandleTime is not { } handle || handle <= TimeSpan.Zero)
        {
            return averageSpeedOfAnswer;
        }
        var ticks = ((double)waitingAhead + 1) * handle.Ticks / agentsStaffed;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)Math.Round(ticks));
    }
}
