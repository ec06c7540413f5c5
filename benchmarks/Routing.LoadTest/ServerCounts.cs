namespace Routing.LoadTest;

/// <summary>One read of a server's counters: grain messages sent (null without metrics), and grain calls received by
/// "interface.method" (empty unless the server counts them).</summary>
internal sealed record ServerCounts(long? Sent, IReadOnlyDictionary<string, long> GrainCalls)
{
    /// <summary>Nothing read: no metrics.</summary>
    public static ServerCounts None { get; } = new(null, new Dictionary<string, long>());

    public static ServerCounts Sum(IEnumerable<ServerCounts> counts)
    {
        long? sent = 0;
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            sent += count.Sent;
            foreach (var (method, value) in count.GrainCalls)
            {
                calls[method] = calls.GetValueOrDefault(method) + value;
            }
        }
        return new ServerCounts(sent, calls);
    }

    /// <summary>What moved since <paramref name="earlier"/>.</summary>
    public ServerCounts Since(ServerCounts earlier) => new(
        Sent - earlier.Sent,
        GrainCalls.ToDictionary(p => p.Key, p => p.Value - earlier.GrainCalls.GetValueOrDefault(p.Key), StringComparer.Ordinal));
}
