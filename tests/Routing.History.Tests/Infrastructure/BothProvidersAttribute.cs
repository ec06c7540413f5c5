using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Routing.History.Tests.Infrastructure;

/// <summary>Runs the theory once on SQLite and once on PostgreSQL (its one parameter is the <see cref="HistoryProvider"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([new TheoryDataRow<HistoryProvider>(HistoryProvider.Sqlite), new TheoryDataRow<HistoryProvider>(HistoryProvider.PostgreSql)]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
