using Routing.Demo;

namespace Routing.Server;

/// <summary>Settings of the routing server, bound from the <c>Routing</c> configuration section.</summary>
public sealed class RoutingServerOptions
{
    public const string SectionName = "Routing";

    /// <summary>
    /// The centre configuration file (tenants, queues, agents) applied at start-up: JSON in the
    /// <see cref="Abstractions.Configuration.CentreConfiguration"/> format. A relative path is resolved
    /// against the server's own directory (<see cref="AppContext.BaseDirectory"/>), not the working
    /// directory, so <c>dotnet run</c> finds the sample wherever it is started from.
    /// </summary>
    public string CentreFile { get; set; } = "centre.sample.json";

    /// <summary>The built-in traffic simulator (off unless <c>--demo</c> is given).</summary>
    public DemoOptions Demo { get; set; } = new();

    /// <summary>The full path of <see cref="CentreFile"/>.</summary>
    public string CentreFilePath => Path.IsPathRooted(CentreFile)
        ? CentreFile
        : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, CentreFile));
}
