namespace Routing.Sip.Messages;

/// <summary>A response: status code (100–699), reason phrase, headers and body.</summary>
public sealed class SipResponse(int statusCode, string reasonPhrase) : SipMessage
{
    public int StatusCode { get; } = statusCode;

    public string ReasonPhrase { get; } = reasonPhrase;

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public override string ToString() => $"{Version} {StatusCode} {ReasonPhrase}";
}
