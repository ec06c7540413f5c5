namespace Routing.Server;

/// <summary>Ports of the single-machine (localhost) cluster, section <c>Routing:Silo</c>. Change them to
/// run a second server (or tests) next to one already running.</summary>
public sealed class LocalSiloOptions
{
    public const string SectionName = "Routing:Silo";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port external Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;
}
