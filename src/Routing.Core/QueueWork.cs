namespace Routing.Core;

/// <summary>
/// A queue's work: its line of waiting interactions, those taken out for an offer, the index of available agents
/// and who may join. Every transition checks its guard first; refused, it changes nothing. Accepted, it changes the
/// state and returns the effects the queue grain carries out (write, route, count). It awaits nothing, so the grain's
/// atomic methods cannot be split between a check and its change.
/// <code>
/// line          from                    to                     refused when
/// Enqueue       (none)                  waiting                not configured; new to the line and turned away
///                                                              by the size limit, business hours or no agents
///               (none)                  (none), overflowed     a rule that overflows turned it away
///               waiting | ringing       unchanged              (answers its place)
///               ringing too long        waiting                (a failed offer: back to its place)
/// ReturnToLine  ringing|waiting|(none)  waiting, excluded      not configured
/// ChangeChannel waiting | ringing       same, other channel    not here
/// Reprioritise  waiting | ringing       same, re-scored        not configured, not here
/// Remove        waiting | ringing       (none), counted        not here
/// ClaimBestFor  waiting                 ringing                not configured, nothing the agent may take
///
/// queue         Configure (always) · Retire: refused while anything waits or rings
/// agents        AgentAvailable: refused when a newer availability is known
/// </code>
/// Admission (QueueWork.Admission.cs) applies only to work new to the line, per <see cref="LineRequest.Reason"/>:
/// a rejoin is always admitted.
/// </summary>
public sealed partial class QueueWork
{
    private readonly IQueueLineState _state;
    private readonly TimeSpan _staleClaimAge;

    /// <summary>The work as stored in <paramref name="state"/>: the line is built from its waiting entries.
    /// <paramref name="staleClaimAge"/>: how long an offer may take before a rejoin puts its work back in line.</summary>
    public QueueWork(IQueueLineState state, TimeSpan staleClaimAge, QueueTerms? terms, IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(members);
        _state = state;
        _staleClaimAge = staleClaimAge;
        Terms = terms;
        _members.UnionWith(members);
        foreach (var entry in state.Waiting)
        {
            Line.TryAdd(entry);
        }
    }

    /// <summary>The configuration in force; null: the queue does not exist (never configured, or retired).</summary>
    public QueueTerms? Terms { get; private set; }

    public WaitingLine Line { get; } = new();

    /// <summary>Interactions taken out of line for an offer, by interaction id.</summary>
    public IReadOnlyDictionary<string, OfferedEntry> Offered => _state.Offered;

    /// <summary>Waiting and ringing together: what the size limit counts.</summary>
    public int Holding => Line.Count + _state.Offered.Count;

    /// <summary>(Re)configures the queue: agents no longer members leave the index.</summary>
    public QueueTransition Configure(QueueTerms terms, IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(members);
        Terms = terms;
        _members.Clear();
        _members.UnionWith(members);
        foreach (var agentId in Available.Ids.Where(a => !_members.Contains(a)).ToArray())
        {
            Available.Remove(agentId);
        }
        return QueueTransition.Accept(null, QueueEffects.Write | QueueEffects.Route);
    }

    /// <summary>The queue leaves the configuration; not while work waits or rings in it (it would be stranded).</summary>
    public QueueTransition Retire()
    {
        if (Terms is not { } terms)
        {
            return QueueTransition.Refused(QueueRefusal.NotConfigured);
        }
        if (Holding > 0)
        {
            return QueueTransition.Refused(QueueRefusal.StillHasWork,
                $"queue '{terms.QueueId}' still has {Line.Count} waiting and {_state.Offered.Count} ringing interaction(s); move them to another queue first");
        }
        Terms = null;
        _members.Clear();
        Available.Clear();
        return QueueTransition.Accept(null, QueueEffects.Write);
    }

    /// <summary>Puts an interaction in line (idempotent): work new to the line meets the admission rules first.</summary>
    public QueueTransition Enqueue(LineRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Terms is not { } terms)
        {
            return QueueTransition.Refused(QueueRefusal.NotConfigured);
        }
        var id = request.InteractionId;
        if (Line.TryGet(id, out var waiting))
        {
            return QueueTransition.Accept(waiting, position: Line.PositionOf(id));
        }
        if (_state.Offered.TryGetValue(id, out var offered))
        {
            if (now - offered.Since < _staleClaimAge)
            {
                return QueueTransition.Accept(offered.Entry);
            }
            // The interaction says it is waiting, yet an offer of it began long ago and never finished
            // (a call in it failed): it goes back to its place. The interaction grain decides who gets
            // it, so a late-finishing offer can still not make it ringing twice.
            _state.Offered.Remove(id);
        }
        else if (Admit(request, terms, now) is { } turnedAway)
        {
            return turnedAway;
        }
        var entry = offered?.Entry ?? NewEntry(request, terms, now);
        Line.TryAdd(entry);
        // Work from elsewhere (a transfer, move or overflow) counts as an arrival here when it came.
        var effects = QueueEffects.Write | RouteIfAnyoneAvailable | QueueEffects.StatisticsChanged | QueueEffects.Joined
            | (offered is null ? QueueEffects.CountArrival : QueueEffects.None);
        return QueueTransition.Accept(entry, effects, Line.PositionOf(id));
    }

    /// <summary>An offer ended without a connection: the interaction goes back to its place (a new one if the line
    /// lost it) and <paramref name="agentId"/> is not offered it again before <paramref name="excludeUntil"/>.</summary>
    public QueueTransition ReturnToLine(LineRequest request, string agentId, DateTimeOffset excludeUntil, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Terms is not { } terms)
        {
            return QueueTransition.Refused(QueueRefusal.NotConfigured);
        }
        var id = request.InteractionId;
        var entry = _state.Offered.Remove(id, out var offered)
            ? offered.Entry
            : Line.TryGet(id, out var waiting) ? waiting : NewEntry(request, terms, now);
        if (excludeUntil > now)
        {
            entry = entry.WithExclusion(agentId, excludeUntil, now);
        }
        if (Line.Contains(id))
        {
            Line.Replace(entry);
        }
        else
        {
            Line.TryAdd(entry);
        }
        return QueueTransition.Accept(entry, QueueEffects.Write | RouteIfAnyoneAvailable, Line.PositionOf(id));
    }

    /// <summary>A waiting or ringing interaction changes channel (a caller who asked for a callback), keeping its place.</summary>
    public QueueTransition ChangeChannel(string interactionId, Channel channel) =>
        Change(interactionId, e => e with { Channel = channel }, QueueEffects.None);

    /// <summary>The interaction routes with <paramref name="priority"/>: re-scored from its original arrival.</summary>
    public QueueTransition Reprioritise(string interactionId, int priority)
    {
        if (Terms is not { } terms)
        {
            return QueueTransition.Refused(QueueRefusal.NotConfigured);
        }
        return Change(interactionId, e => e with
        {
            Priority = priority,
            EffectiveArrival = PriorityScore.EffectiveArrival(e.Arrival, priority, terms.PriorityWeight),
        }, QueueEffects.StatisticsChanged);
    }

    /// <summary>The interaction leaves the queue for good (answered, abandoned, moved...), from the line or an offer.</summary>
    public QueueTransition Remove(string interactionId)
    {
        var left = Line.TryRemove(interactionId, out var waiting) ? waiting : null;
        if (_state.Offered.Remove(interactionId, out var offered))
        {
            left ??= offered.Entry;
        }
        return left is null
            ? QueueTransition.Refused(QueueRefusal.NotHere)
            : QueueTransition.Accept(left, QueueEffects.Write | QueueEffects.CountExit);
    }

    /// <summary>The next moment who may take waiting work changes by time alone (re-offer delays ending, escalation
    /// steps starting, preferred-agent waits ending): when the queue's one timer is due. Null: nothing will.</summary>
    public DateTimeOffset? NextChange(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var entry in Line.InOrder())
        {
            if (entry.NextChange(now) is { } change && (next is null || change < next))
            {
                next = change;
            }
        }
        return next;
    }

    /// <summary>Changes a waiting entry (which may move it in line, and is worth a routing pass) or the entry kept
    /// for a ringing one's return.</summary>
    private QueueTransition Change(string interactionId, Func<WaitingEntry, WaitingEntry> change, QueueEffects also)
    {
        if (Line.TryGet(interactionId, out var waiting))
        {
            var changed = change(waiting);
            Line.Replace(changed);
            return QueueTransition.Accept(changed, QueueEffects.Write | RouteIfAnyoneAvailable | also, Line.PositionOf(interactionId));
        }
        if (_state.Offered.TryGetValue(interactionId, out var offered))
        {
            var changed = change(offered.Entry);
            _state.Offered[interactionId] = offered with { Entry = changed };
            return QueueTransition.Accept(changed, QueueEffects.Write | also);
        }
        return QueueTransition.Refused(QueueRefusal.NotHere);
    }
}
