using System.Collections.Concurrent;
using Routing.Client;
using Routing.Contracts.V1;

namespace Routing.SipGateway.Calls;

/// <summary>What the gateway needs of an entry point beyond the queue Create chooses: its mode (redirect or proxy) and
/// voicemail URI. Both belong to the entry point, not to the rule that matched, so they are asked once per entry and
/// kept for <see cref="Lifetime"/>: a call then costs the cluster one Create, not a DecideEntry as well. A changed mode
/// applies to new calls within that time.</summary>
internal sealed class EntryPointModes(RoutingClient cluster, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Bounds the cache against a caller dialling endless made-up numbers (only known entries are kept anyway).</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (EntryDecision Decision, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public async Task<EntryDecision> OfAsync(string entry, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_known.TryGetValue(entry, out var known) && known.Until > now)
        {
            return known.Decision;
        }
        var decision = await cluster.Interactions.DecideEntryAsync(new DecideEntryRequest { Entry = entry }, cancellationToken);
        if (_known.Count >= MaxEntries)
        {
            _known.Clear();
        }
        _known[entry] = (decision, now + Lifetime);
        return decision;
    }
}
