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

    /// <summary>
    /// The silo port of the cluster's first silo on 127.0.0.1, for every further silo of a multi-process
    /// cluster on one machine; 0 (the default) makes this silo the first. Localhost clustering has no
    /// membership store, so the first silo must stay up; Redis clustering removes that limit.
    /// </summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>Every problem with these options; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                yield return $"{SectionName}:{name} must be a port number (1–65535), not {port}";
            }
        }
        if (PrimarySiloPort is < 0 or > 65535)
        {
            yield return $"{SectionName}:{nameof(PrimarySiloPort)} must be 0 or a port number, not {PrimarySiloPort}";
        }
    }
}
