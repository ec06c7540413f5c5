using Routing.History.Reports;

namespace Routing.History.Tests.Reports;

internal static class StoreReports
{
    /// <summary>The report queries of a store the factory made (both providers implement them).</summary>
    public static IHistoryReports Reports(this IHistoryStore store) => (IHistoryReports)store;
}
