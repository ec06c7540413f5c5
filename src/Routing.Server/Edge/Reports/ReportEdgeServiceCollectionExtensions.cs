using Routing.History;

namespace Routing.Server.Edge.Reports;

internal static class ReportEdgeServiceCollectionExtensions
{
    /// <summary>The report service's needs: the history store of the <c>History</c> section (the same one the recorder
    /// writes, when the server records history) and a clock.</summary>
    public static IServiceCollection AddReportEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRoutingHistoryStore(configuration);
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
