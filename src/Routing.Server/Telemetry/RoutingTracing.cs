using System.Diagnostics;

namespace Routing.Server.Telemetry;

/// <summary>The server's own spans (grain state writes), beside ASP.NET Core's server span and Orleans' grain-call spans.</summary>
public static class RoutingTracing
{
    /// <summary>The activity source of the server's own spans.</summary>
    public const string SourceName = "Routing";

    /// <summary>Orleans' grain-call spans (with <c>AddActivityPropagation</c>): system calls and the application's calls.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Starts spans only while a tracer listens and samples them; otherwise StartActivity returns null at once.</summary>
    internal static readonly ActivitySource Source = new(SourceName);
}
