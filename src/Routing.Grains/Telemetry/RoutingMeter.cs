namespace Routing.Grains.Telemetry;

/// <summary>The names the routing cluster's own metrics go by (README "Metrics and traces"): one meter, and attribute
/// names in the OpenTelemetry style (a <c>routing.</c> namespace, lower case, dots). Attributes are bounded sets only:
/// tenants, queues, agent states, state names; never an interaction, agent or session id.</summary>
public static class RoutingMeter
{
    /// <summary>The meter of the routing grains and the server (the history store's own meter is <c>Routing.History</c>).</summary>
    public const string Name = "Routing";

    /// <summary>The tenant an interaction, queue or agent belongs to.</summary>
    public const string TenantTag = "routing.tenant";

    /// <summary>The queue (its id within the tenant).</summary>
    public const string QueueTag = "routing.queue";

    /// <summary>An agent's state: <c>offline</c>, <c>available</c>, <c>not_ready</c> or <c>busy</c>.</summary>
    public const string AgentStateTag = "routing.agent.state";

    /// <summary>A grain interface's full name (e.g. <c>Routing.Abstractions.IInteractionGrain</c>), for counted grain calls.</summary>
    public const string GrainInterfaceTag = "routing.grain.interface";

    /// <summary>A grain method's name (e.g. <c>Create</c>), for counted grain calls.</summary>
    public const string GrainMethodTag = "routing.grain.method";
}
