namespace Routing.Server;

/// <summary>
/// The server's own command-line switches. Everything else on the command line is ordinary
/// configuration (<c>--Routing:CentreFile=my-centre.json</c>, <c>--Kestrel:Endpoints:Http:Url=http://127.0.0.1:6000</c>;
/// <c>--urls</c> does not move the edge, because appsettings.json names its endpoint).
/// </summary>
public static class CommandLine
{
    /// <summary>Runs the demo simulator: the same as <c>--Routing:Demo:Enabled=true</c>.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>
    /// Takes the bare switches out of <paramref name="args"/> and returns them as configuration
    /// values. They are removed because the standard command-line provider reads a bare
    /// <c>--demo</c> as a key whose value is the next argument, which would swallow it.
    /// </summary>
    public static (string[] Remaining, Dictionary<string, string?> Settings) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var remaining = new List<string>(args.Length);
        foreach (var arg in args)
        {
            if (string.Equals(arg, DemoSwitch, StringComparison.OrdinalIgnoreCase))
            {
                settings[$"{RoutingServerOptions.SectionName}:Demo:Enabled"] = "true";
            }
            else
            {
                remaining.Add(arg);
            }
        }
        return ([.. remaining], settings);
    }
}
