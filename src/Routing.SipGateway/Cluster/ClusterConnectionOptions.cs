namespace Routing.SipGateway.Cluster;

/// <summary>How the gateway reaches the cluster's gRPC edge (<c>Gateway:Cluster</c>). The token is a gateway-role token;
/// its tenant is the tenant whose entry points this gateway serves.</summary>
public sealed class ClusterConnectionOptions
{
    public const string SectionName = "Gateway:Cluster";

    /// <summary>The edge of one or more servers of the cluster; calls move off a server that stops answering.</summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>The gateway-role bearer token itself; or use <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the token (a mounted Kubernetes Secret); re-read when it changes, so a rotated token
    /// is picked up without a restart.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Deadline of each unary call to the edge, retries included. A caller waits this long at most for an
    /// answer when the cluster is unreachable.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
