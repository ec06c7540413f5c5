using System.Globalization;
using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Sip.Messages;

namespace Routing.SipGateway.Calls;

/// <summary>The final response a caller gets for each way a call can leave the gateway: a redirect to the agent or to
/// voicemail, or a refusal whose Reason header (RFC 3326) carries the cluster's own words ("queue 'sales' is closed
/// until Mon 08:00 Europe/London").</summary>
internal static class CallAnswer
{
    public const int MovedTemporarily = 302;
    public const int NotFound = 404;
    public const int TemporarilyUnavailable = 480;
    public const int BusyHere = 486;
    public const int ServiceUnavailable = 503;

    /// <summary>The response header naming the interaction, so a PBX or SBC can log it beside its own call record.</summary>
    public const string InteractionHeader = "X-Routing-Interaction";

    public static SipResponse Redirect(SipRequest invite, string toTag, string target, string interactionId)
    {
        var response = Create(invite, MovedTemporarily, toTag, interactionId);
        response.Headers.Add(HeaderNames.Contact, $"<{target}>");
        return response;
    }

    /// <summary>A refusal, with the reason in a Reason header and Retry-After when trying later can help.</summary>
    public static SipResponse Refuse(SipRequest invite, string toTag, int status, string reason, string? interactionId = null, TimeSpan? retryAfter = null)
    {
        var response = Create(invite, status, toTag, interactionId);
        response.Headers.Add("Reason", $"SIP ;cause={status.ToString(CultureInfo.InvariantCulture)} ;text=\"{Quoted(reason)}\"");
        if (retryAfter is { } after)
        {
            response.Headers.Add("Retry-After", ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }
        return response;
    }

    public static SipResponse Queued(SipRequest invite, string toTag, string interactionId) =>
        Create(invite, 182, toTag, interactionId, "Queued");

    /// <summary>What an edge call's failure means for the caller: no entry point → 404; a full queue → the configured
    /// 486 or 503 with Retry-After; closed or nobody to take it → 480; anything else is the gateway's or the cluster's
    /// trouble, not the caller's → 503 with Retry-After, so an SBC can try another route.</summary>
    public static SipResponse ForFailure(SipRequest invite, string toTag, RpcException failure, GatewayCallOptions options, string interactionId) =>
        failure.StatusCode switch
        {
            StatusCode.NotFound => Refuse(invite, toTag, NotFound, failure.Status.Detail),
            StatusCode.ResourceExhausted => Refuse(invite, toTag, options.QueueFullStatus, failure.Status.Detail, retryAfter: options.RetryAfter),
            StatusCode.FailedPrecondition => Refuse(invite, toTag, TemporarilyUnavailable, failure.Status.Detail),
            StatusCode.InvalidArgument => Refuse(invite, toTag, SipStatus.BadRequest, failure.Status.Detail),
            _ => Refuse(invite, toTag, ServiceUnavailable, "the contact centre cannot take calls now", interactionId, options.RetryAfter),
        };

    /// <summary>What an overflow tells the gateway to do: voicemail → 302 to the entry point's voicemail URI (480 when
    /// it has none); disconnect, or a callback offer (which needs an IVR this gateway does not have) → 480.</summary>
    public static SipResponse ForOverflow(SipRequest invite, string toTag, OverflowNotice? notice, string voicemailUri, string interactionId)
    {
        var why = notice?.Message is { Length: > 0 } message ? message : $"the call overflowed ({notice?.Cause ?? OverflowCause.Unspecified})";
        return notice?.Action == OverflowActionKind.Voicemail && voicemailUri.Length > 0
            ? Redirect(invite, toTag, voicemailUri, interactionId)
            : Refuse(invite, toTag, TemporarilyUnavailable, why, interactionId);
    }

    private static SipResponse Create(SipRequest invite, int status, string toTag, string? interactionId, string? reason = null)
    {
        var response = SipResponses.Create(invite, status, reason ?? ReasonPhrase(status), toTag);
        if (interactionId is not null)
        {
            response.Headers.Add(InteractionHeader, interactionId);
        }
        return response;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        MovedTemporarily => "Moved Temporarily",
        NotFound => "Not Found",
        TemporarilyUnavailable => "Temporarily Unavailable",
        BusyHere => "Busy Here",
        ServiceUnavailable => "Service Unavailable",
        _ => SipStatus.ReasonPhrase(status),
    };

    /// <summary>A quoted-string's content (RFC 3261 §25.1): quotes and backslashes escaped, control characters dropped.</summary>
    private static string Quoted(string text) =>
        string.Concat(text.Where(c => c >= ' ' && c != 0x7f).Select(c => c is '"' or '\\' ? $"\\{c}" : c.ToString()));
}
