using System.Collections.Concurrent;
using Routing.Sip.Messages;
using Routing.Sip.Transactions;

namespace Routing.Sip.Proxy;

/// <summary>Forwards a 2xx's retransmissions upstream. The proxy's INVITE client transaction ends on the first 2xx
/// (§17.1.1.2), but the phone retransmits its 2xx until the caller's ACK reaches it (§13.3.1.4), and each copy must
/// reach the caller (§16.7 step 4, RFC 6026 §7.2). The branch is remembered for 64·T1, as long as the caller's
/// INVITE server transaction accepts 2xx retransmissions (Timer L).</summary>
internal sealed class SuccessRelay(TimeSpan lifetime, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ServerTransaction> _upstream = new(StringComparer.Ordinal);

    public int Count => _upstream.Count;

    public void Remember(string branch, ServerTransaction upstream)
    {
        _upstream[branch] = upstream;
        ITimer? expiry = null;
        expiry = time.CreateTimer(_ =>
        {
            _upstream.TryRemove(new KeyValuePair<string, ServerTransaction>(branch, upstream));
            expiry?.Dispose();
        }, null, lifetime, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True when <paramref name="response"/> is a 2xx to an INVITE this proxy forwarded; it is sent upstream.</summary>
    public bool TryForward(SipResponse response)
    {
        if (!response.IsSuccess || response.CSeq?.Method != SipMethods.Invite || response.TopVia?.Branch is not { } branch
            || !_upstream.TryGetValue(branch, out var upstream))
        {
            return false;
        }
        upstream.Respond(ProxyMessages.Upstream(response));
        return true;
    }
}
