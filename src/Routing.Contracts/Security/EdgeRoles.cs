namespace Routing.Contracts.Security;

/// <summary>The roles a caller's token can carry (one <c>role</c> claim each).</summary>
public static class EdgeRoles
{
    /// <summary>An agent's app; the token also names the agent (<c>agent</c> claim).</summary>
    public const string Agent = "agent";

    /// <summary>A media gateway or connector (SIP, chat, e-mail) creating and watching interactions.</summary>
    public const string Gateway = "gateway";

    /// <summary>Watches agents and queues and may force an agent's state.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Manages the tenant's configuration; may do anything within the tenant.</summary>
    public const string Admin = "admin";

    /// <summary>Runs the cluster (an SRE): sees every tenant's share of the silos' grains. Unlike the other
    /// roles it is not a tenant role: an admin sees only its own tenant's grains.</summary>
    public const string Operator = "operator";

    /// <summary>A connector's service account (a CRM, a data warehouse): reads the tenant's event feed, nothing else.</summary>
    public const string Integration = "integration";

    /// <summary>Every known role.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Agent, Gateway, Supervisor, Admin, Operator, Integration };
}
