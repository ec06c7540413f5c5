using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Sip.Messages;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip.Core;

/// <summary>The UAS core (RFC 3261 §8.2): it runs the checks every request goes through in the RFC's order, answers
/// OPTIONS itself (§11.2, the keep-alive probe of SBCs and PBXs), and hands the rest to the handler of its method.
/// <list type="bullet">
/// <item>Max-Forwards 0 on anything but OPTIONS → 483 (the gateway forwards in proxy mode, §16.3 step 3);</item>
/// <item>a method nobody serves → 405 with Allow (§8.2.1); a BYE with no handler → 481 (no dialog exists, §15.1.2);</item>
/// <item>a Request-URI scheme other than sip/sips → 416 (§8.2.2.1);</item>
/// <item>a Require option tag not supported → 420 with Unsupported (§8.2.2.3);</item>
/// <item>a body of a type not in Accept, or encoded → 415 with Accept (§8.2.3);</item>
/// <item>an INVITE whose Accept excludes SDP → 406 (RFC 4475 §3.3.15).</item>
/// </list>
/// Merged requests (482) and CANCEL matching (200/481) happen in the transaction layer, which has the tables. An
/// in-dialog request whose top Route names this element goes to the proxy (<see cref="Routes"/>) before any of this.</summary>
public sealed class SipCore(SipCoreOptions options, IEnumerable<ISipRequestHandler> handlers, ILogger<SipCore>? logger = null)
    : ISipTransactionUser
{
    private readonly ILogger _logger = logger ?? NullLogger<SipCore>.Instance;
    private readonly Dictionary<string, ISipRequestHandler> _handlers = handlers.ToDictionary(h => h.Method, StringComparer.Ordinal);

    /// <summary>The methods served: INVITE with its ACK and CANCEL when a handler serves INVITE, BYE (answered 481
    /// while no dialog exists), OPTIONS, and the other handlers' methods.</summary>
    public IReadOnlyList<string> Allow { get; } = AllowOf(handlers.Select(h => h.Method).ToList());

    /// <summary>The proxy's handling of in-dialog requests whose top Route names this element (record-routed
    /// dialogs), which comes before the method dispatch: a BYE routed through us is forwarded, not answered 481.</summary>
    internal IRoutedRequests? Routes { get; set; }

    public void OnRequest(ServerTransaction transaction)
    {
        if (Routes?.TryForward(transaction) == true)
        {
            return;
        }
        var request = transaction.Request;
        var refusal = Check(request, transaction.ToTag);
        if (refusal is not null)
        {
            SipCoreLog.Refused(_logger, request.Method, transaction.Flow.RemoteEndPoint, refusal.StatusCode, refusal.ReasonPhrase);
            transaction.Respond(refusal);
            return;
        }
        if (request.Method == SipMethods.Options)
        {
            transaction.Respond(OptionsAnswer(request, transaction.ToTag));
            return;
        }
        var handler = _handlers[request.Method];
        try
        {
            handler.OnRequest(transaction);
        }
        catch (Exception exception)
        {
            SipCoreLog.HandlerFailed(_logger, request.Method, exception);
            transaction.Respond(SipStatus.ServerInternalError);
        }
    }

    public void OnCancel(ServerTransaction invite)
    {
        var routed = Routes?.OnCancel(invite) == true;
        if (!routed && _handlers.TryGetValue(invite.Request.Method, out var handler))
        {
            handler.OnCancel(invite);
        }
        if (invite.FinalResponse is null)
        {
            invite.Respond(SipStatus.RequestTerminated);
        }
    }

    /// <summary>OPTIONS outside a dialog — an SBC's or PBX's keep-alive probe, thousands a second at a large site — is
    /// answered statelessly (§8.2.7), as Kamailio's <c>sl_send_reply</c> does: no transaction, no timers, nothing kept
    /// for 64·T1. The To tag is derived from the request, so a retransmission gets the same answer.</summary>
    public SipResponse? AnswerStatelessly(SipRequest request)
    {
        if (request.Method != SipMethods.Options || request.To is not { Tag: null })
        {
            return null;
        }
        var toTag = StatelessTag(request);
        return Check(request, toTag) ?? OptionsAnswer(request, toTag);
    }

    /// <summary>§8.2.7: a stateless UAS's To tag is the same for every copy of a request.</summary>
    private static string StatelessTag(SipRequest request)
    {
        Span<byte> hash = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
        System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{request.CallId}\n{request.From?.Tag}\n{request.TopVia?.Branch}\n{request.CSeq?.Number}"), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    public void OnStrayAck(SipRequest ack, ISipFlow flow)
    {
        if (Routes?.TryForwardAck(ack) != true)
        {
            SipCoreLog.StrayAck(_logger, flow.RemoteEndPoint);
        }
    }

    public void OnUnmatchedCancel(SipRequest cancel)
    {
        if (_handlers.TryGetValue(SipMethods.Invite, out var handler))
        {
            handler.OnUnmatchedCancel(cancel);
        }
    }

    private static List<string> AllowOf(List<string> served)
    {
        var allow = served.Contains(SipMethods.Invite) ? new List<string> { SipMethods.Invite, SipMethods.Ack, SipMethods.Cancel } : [];
        allow.AddRange([SipMethods.Bye, SipMethods.Options]);
        allow.AddRange(served.Where(m => !allow.Contains(m)));
        return allow;
    }

    private SipResponse? Check(SipRequest request, string toTag)
    {
        if (request.MaxForwards == 0 && request.Method != SipMethods.Options)
        {
            return Refuse(request, SipStatus.TooManyHops, toTag);
        }
        if (request.Method != SipMethods.Options && !_handlers.ContainsKey(request.Method))
        {
            if (request.Method == SipMethods.Bye)
            {
                return Refuse(request, SipStatus.CallOrTransactionDoesNotExist, toTag);
            }
            var notAllowed = Refuse(request, SipStatus.MethodNotAllowed, toTag);
            notAllowed.Headers.Add(HeaderNames.Allow, string.Join(", ", Allow));
            return notAllowed;
        }
        if (!request.RequestUri.IsSip)
        {
            return Refuse(request, SipStatus.UnsupportedUriScheme, toTag);
        }
        var unsupported = request.Headers.Values(HeaderNames.Require)
            .Where(tag => !options.Supported.Contains(tag, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unsupported.Count > 0)
        {
            var badExtension = Refuse(request, SipStatus.BadExtension, toTag);
            badExtension.Headers.Add(HeaderNames.Unsupported, string.Join(", ", unsupported));
            return badExtension;
        }
        if (!request.Body.IsEmpty && (!IsAccepted(request.ContentType) || request.Headers.Contains("Content-Encoding")))
        {
            var unsupportedMedia = Refuse(request, SipStatus.UnsupportedMediaType, toTag);
            unsupportedMedia.Headers.Add(HeaderNames.Accept, string.Join(", ", options.Accept));
            return unsupportedMedia;
        }
        if (request.Method == SipMethods.Invite && request.Headers.Contains(HeaderNames.Accept)
            && !request.Headers.Values(HeaderNames.Accept).Any(AcceptsSdp))
        {
            return Refuse(request, SipStatus.NotAcceptable, toTag);
        }
        return null;
    }

    private bool IsAccepted(string? contentType) =>
        contentType is not null && options.Accept.Contains(MediaType(contentType), StringComparer.OrdinalIgnoreCase);

    private static bool AcceptsSdp(string range) => MediaType(range) is "application/sdp" or "application/*" or "*/*";

    /// <summary>type/subtype without parameters or whitespace, lower case.</summary>
    private static string MediaType(string value) =>
        string.Concat(value.Split(';')[0].Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    private SipResponse Refuse(SipRequest request, int status, string toTag)
    {
        var response = SipResponses.Create(request, status, toTag: toTag);
        response.Headers.Add("Server", options.ServerName);
        return response;
    }

    /// <summary>§11.2: 200 with Allow, Accept, Accept-Encoding, Accept-Language and Supported.</summary>
    private SipResponse OptionsAnswer(SipRequest request, string toTag)
    {
        var response = SipResponses.Create(request, SipStatus.Ok, toTag: toTag);
        response.Headers.Add(HeaderNames.Allow, string.Join(", ", Allow));
        response.Headers.Add(HeaderNames.Accept, string.Join(", ", options.Accept));
        response.Headers.Add("Accept-Encoding", "identity");
        response.Headers.Add("Accept-Language", "en");
        response.Headers.Add(HeaderNames.Supported, string.Join(", ", options.Supported));
        response.Headers.Add("Server", options.ServerName);
        return response;
    }
}
