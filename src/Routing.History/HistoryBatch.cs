namespace Routing.History;

/// <summary>
/// Facts written together in one transaction, grouped by kind with repeats of one key merged: the interaction
/// state with the highest version, an agent interval's closed form over its open one, the first of identical
/// events and actions. A database statement may then touch each key once. Each kind comes out in key order, so
/// concurrent batches that share keys lock their rows in the same order and cannot deadlock.
/// </summary>
public sealed class HistoryBatch
{
    private readonly Dictionary<(string, string), InteractionRecord> _interactions;
    private readonly Dictionary<(string, string, long), InteractionEventRecord> _events;
    private readonly Dictionary<(string, string, long), AgentStateInterval> _agentIntervals;
    private readonly Dictionary<(string, string), SupervisorActionRecord> _supervisorActions;
    // Each kind in key order, made once when first read (the writers read them more than once) and dropped by Add.
    private IReadOnlyList<InteractionRecord>? _interactionsInOrder;
    private IReadOnlyList<InteractionEventRecord>? _eventsInOrder;
    private IReadOnlyList<AgentStateInterval>? _intervalsInOrder;
    private IReadOnlyList<SupervisorActionRecord>? _actionsInOrder;
    private IReadOnlyList<(InteractionRecord Interaction, InteractionLegRecord Leg)>? _legs;

    public HistoryBatch()
    {
        _interactions = [];
        _events = [];
        _agentIntervals = [];
        _supervisorActions = [];
    }

    public HistoryBatch(IEnumerable<HistoryFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        // Sized for the facts of each kind up front: a batch holds thousands, and growing four dictionaries step by
        // step was a visible share of the recorder's allocations.
        int interactions = 0, events = 0, intervals = 0, actions = 0;
        foreach (var fact in facts)
        {
            _ = fact switch
            {
                InteractionRecord => interactions++,
                InteractionEventRecord => events++,
                AgentStateInterval => intervals++,
                _ => actions++,
            };
        }
        _interactions = new(interactions);
        _events = new(events);
        _agentIntervals = new(intervals);
        _supervisorActions = new(actions);
        foreach (var fact in facts)
        {
            Add(fact);
        }
    }

    /// <summary>How many facts were added, repeats included.</summary>
    public int Added { get; private set; }

    public IReadOnlyList<InteractionRecord> Interactions => _interactionsInOrder ??= InKeyOrder(_interactions);

    public IReadOnlyList<InteractionEventRecord> Events => _eventsInOrder ??= InKeyOrder(_events);

    public IReadOnlyList<AgentStateInterval> AgentIntervals => _intervalsInOrder ??= InKeyOrder(_agentIntervals);

    public IReadOnlyList<SupervisorActionRecord> SupervisorActions => _actionsInOrder ??= InKeyOrder(_supervisorActions);

    /// <summary>The legs of the batch's interactions, with the interaction each belongs to.</summary>
    public IReadOnlyList<(InteractionRecord Interaction, InteractionLegRecord Leg)> Legs => _legs ??= LegsOf(Interactions);

    public bool IsEmpty => Added == 0;

    public void Add(HistoryFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        (_interactionsInOrder, _eventsInOrder, _intervalsInOrder, _actionsInOrder, _legs) = (null, null, null, null, null);
        switch (fact)
        {
            case InteractionRecord interaction:
                var key = (interaction.TenantId, interaction.InteractionId);
                if (!_interactions.TryGetValue(key, out var kept) || interaction.Version >= kept.Version)
                {
                    _interactions[key] = interaction;
                }
                break;
            case InteractionEventRecord interactionEvent:
                _events.TryAdd((interactionEvent.TenantId, interactionEvent.InteractionId, interactionEvent.Sequence), interactionEvent);
                break;
            case AgentStateInterval interval:
                var intervalKey = (interval.TenantId, interval.AgentId, interval.Sequence);
                if (!_agentIntervals.TryGetValue(intervalKey, out var open) || interval.EndedAt is not null || open.EndedAt is null)
                {
                    _agentIntervals[intervalKey] = interval;
                }
                break;
            case SupervisorActionRecord action:
                _supervisorActions.TryAdd((action.TenantId, action.ActionId), action);
                break;
            default:
                throw new ArgumentException($"unknown history fact {fact.GetType().Name}", nameof(fact));
        }
        Added++;
    }

    private static List<(InteractionRecord, InteractionLegRecord)> LegsOf(IReadOnlyList<InteractionRecord> interactions)
    {
        var legs = new List<(InteractionRecord, InteractionLegRecord)>();
        foreach (var interaction in interactions)
        {
            foreach (var leg in interaction.Legs)
            {
                legs.Add((interaction, leg));
            }
        }
        return legs;
    }

    private static List<T> InKeyOrder<T>(Dictionary<(string, string), T> facts) =>
        InKeyOrder(facts, static (a, b) => Ordinal(a.Item1, b.Item1, a.Item2, b.Item2));

    private static List<T> InKeyOrder<T>(Dictionary<(string, string, long), T> facts) =>
        InKeyOrder(facts, static (a, b) => Ordinal(a.Item1, b.Item1, a.Item2, b.Item2) is var order and not 0 ? order : a.Item3.CompareTo(b.Item3));

    /// <summary>Ordinal order: any fixed order prevents deadlocks, and the default comparer would compare the ids by
    /// culture, several times slower.</summary>
    private static List<T> InKeyOrder<TKey, T>(Dictionary<TKey, T> facts, Comparison<TKey> order) where TKey : notnull
    {
        var pairs = facts.ToArray();
        Array.Sort(pairs, (a, b) => order(a.Key, b.Key));
        var values = new List<T>(pairs.Length);
        foreach (var pair in pairs)
        {
            values.Add(pair.Value);
        }
        return values;
    }

    private static int Ordinal(string a1, string b1, string a2, string b2) =>
        string.CompareOrdinal(a1, b1) is var order and not 0 ? order : string.CompareOrdinal(a2, b2);
}
