using System.Globalization;
using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Proxy;

/// <summary>The message rules of a proxy (RFC 3261 §16) and of cancelling a branch (§9.1), as pure functions on
/// messages so each rule is tested on its own.</summary>
public static class ProxyMessages
{
    /// <summary>The Max-Forwards a forwarded request gets when the received one has none (§16.6 step 3).</summary>
    public const int DefaultMaxForwards = 70;

    /// <summary>§16.6 steps 1–3 with §16.4: a copy of <paramref name="request"/> whose Request-URI is
    /// <paramref name="target"/> (or the received one, for a request routed by its Route set), Max-Forwards one less
    /// (70 when absent), and its top Route removed when it names this element (each of them, after a double
    /// Record-Route). Null when Max-Forwards is 0: the
    /// request is answered 483 (§16.3 step 3).</summary>
    public static SipRequest? Forwarded(SipRequest request, SipLocalIdentity identity, SipUri? target = null)
    {
        if (request.MaxForwards is 0)
        {
            return null;
        }
        var copy = new SipRequest(request.Method, target ?? request.RequestUri) { Body = request.Body };
        CopyHeaders(request, copy);
        var hops = request.MaxForwards is { } received ? received - 1 : DefaultMaxForwards;
        copy.Headers.Set(HeaderNames.MaxForwards, hops.ToString(CultureInfo.InvariantCulture));
        // Both of our Routes go when we record-routed twice (one per transport, RFC 5658).
        while (copy.Routes is [var top, ..] && identity.IsOurs(top.Uri))
        {
            copy.Headers.RemoveFirstValue(HeaderNames.Route);
        }
        return copy;
    }

    /// <summary>§16.6 step 4: our URI with <c>lr</c> on top of the Record-Route headers, so the dialog's later
    /// requests come through this element. <paramref name="outgoing"/> is the transport the request leaves on, which
    /// the callee uses to reach us; when the caller's side came on another transport, a second Record-Route for that
    /// one goes under it (RFC 5658 double record-routing), so each side reaches us on the transport it uses.</summary>
    public static void AddRecordRoute(SipRequest request, SipLocalIdentity identity, SipTransportKind outgoing, SipTransportKind incoming)
    {
        if (incoming != outgoing)
        {
            request.Headers.AddFirst(HeaderNames.RecordRoute, LooseRoute(identity, incoming));
        }
        request.Headers.AddFirst(HeaderNames.RecordRoute, LooseRoute(identity, outgoing));
    }

    private static string LooseRoute(SipLocalIdentity identity, SipTransportKind transport)
    {
        var uri = identity.Uri(transport);
        uri.Parameters.Set("lr", null);
        return $"<{uri}>";
    }

    /// <summary>§16.6 step 8: our Via on top with a new branch; returns the branch.</summary>
    public static string AddVia(SipRequest request, SipLocalIdentity identity, SipTransportKind transport)
    {
        var branch = SipResponses.NewBranch();
        request.Headers.AddFirst(HeaderNames.Via, identity.Via(transport, branch));
        return branch;
    }

    /// <summary>§16.6 step 7 for a loose-routed request: the top Route when there is one, the Request-URI otherwise.</summary>
    public static SipUri NextHop(SipRequest request) => request.Routes is [var next, ..] ? next.Uri : request.RequestUri;

    /// <summary>§16.7 step 9: the response as it goes upstream, without our Via on top.</summary>
    public static SipResponse Upstream(SipResponse response)
    {
        var copy = new SipResponse(response.StatusCode, response.ReasonPhrase) { Body = response.Body };
        CopyHeaders(response, copy);
        copy.Headers.RemoveFirstValue(HeaderNames.Via);
        return copy;
    }

    /// <summary>§9.1: the CANCEL of a forwarded INVITE: its Request-URI, Call-ID, To, From, CSeq number and top Via
    /// (so it reaches the same transaction downstream), and its Route headers.</summary>
    public static SipRequest Cancel(SipRequest invite)
    {
        var cancel = new SipRequest(SipMethods.Cancel, invite.RequestUri);
        cancel.Headers.Add(HeaderNames.Via, invite.Headers.Values(HeaderNames.Via)[0]);
        foreach (var route in invite.Headers.GetAll(HeaderNames.Route))
        {
            cancel.Headers.Add(HeaderNames.Route, route.Value);
        }
        cancel.Headers.Add(HeaderNames.MaxForwards, DefaultMaxForwards.ToString(CultureInfo.InvariantCulture));
        cancel.Headers.Add(HeaderNames.From, invite.Headers.Get(HeaderNames.From)!);
        cancel.Headers.Add(HeaderNames.To, invite.Headers.Get(HeaderNames.To)!);
        cancel.Headers.Add(HeaderNames.CallId, invite.CallId!);
        cancel.Headers.Add(HeaderNames.CSeq, $"{invite.CSeq!.Number.ToString(CultureInfo.InvariantCulture)} {SipMethods.Cancel}");
        return cancel;
    }

    private static void CopyHeaders(SipMessage from, SipMessage to)
    {
        foreach (var header in from.Headers)
        {
            to.Headers.Add(header.Name, header.Value);
        }
    }
}
