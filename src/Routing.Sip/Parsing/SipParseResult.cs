using Routing.Sip.Messages;

namespace Routing.Sip.Parsing;

/// <summary>A parsed message, or the error that refused it; exactly one of the two is set.</summary>
public sealed class SipParseResult
{
    private SipParseResult(SipMessage? message, SipParseError? error)
    {
        Message = message;
        Error = error;
    }

    public SipMessage? Message { get; }

    public SipParseError? Error { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Message))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Message is not null;

    public static SipParseResult Success(SipMessage message) => new(message, null);

    public static SipParseResult Failure(SipParseError error) => new(null, error);

    public override string ToString() => IsSuccess ? Message.ToString()! : $"{Error.StatusCode} {Error.Reason}";
}
