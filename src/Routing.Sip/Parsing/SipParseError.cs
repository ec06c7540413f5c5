using Routing.Sip.Messages;

namespace Routing.Sip.Parsing;

/// <summary>Why a message was refused. <paramref name="StatusCode"/> is what to answer (400, 505 or 513) and
/// <paramref name="ResponseHeaders"/> holds the request's Via, From, To, Call-ID and CSeq as received when an answer
/// can be formed: the message is a request and its top Via is readable, so the response has somewhere to go
/// (RFC 3261 §18.2.2). Otherwise the message is dropped.</summary>
public sealed record SipParseError(int StatusCode, string Reason, SipHeaders? ResponseHeaders)
{
    public bool CanRespond => ResponseHeaders is not null;
}
