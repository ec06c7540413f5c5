namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>Figures the failure tests measured, written next to the test binary for .ci/run to print.</summary>
internal static class Figures
{
    private static readonly Lock Gate = new();

    public static void Record(string name, string line)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "failover-figures.txt");
        lock (Gate)
        {
            var lines = File.Exists(file) ? File.ReadAllLines(file).Where(l => !l.StartsWith(name + ":", StringComparison.Ordinal)).ToList() : [];
            lines.Add($"{name}: {line}");
            File.WriteAllLines(file, lines);
        }
    }
}
