namespace Routing.Server.Edge.Agents;

/// <summary>A session stream's renewal of its subscription at the agent grain, which <see cref="SessionRenewalSchedule"/> calls.</summary>
internal interface ISessionRenewal
{
    /// <summary>Renews once; handles its own failures (the schedule only starts it).</summary>
    Task RenewAsync();
}
