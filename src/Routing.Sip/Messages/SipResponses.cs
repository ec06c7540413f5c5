using System.Security.Cryptography;
using Routing.Sip.Parsing;

namespace Routing.Sip.Messages;

/// <summary>Builds responses the way RFC 3261 §8.2.6 says a UAS does: the Via headers in order, From, To, Call-ID and
/// CSeq copied; a To tag added unless the request had one or the response is 100 Trying (which also copies Timestamp,
/// §8.2.6.1).</summary>
public static class SipResponses
{
    public static SipResponse Create(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null) =>
        Build(request.Headers, statusCode, reasonPhrase, toTag);

    /// <summary>The answer to a message the parser refused, when <see cref="SipParseError.CanRespond"/>.</summary>
    public static SipResponse FromParseError(SipParseError error) =>
        Build(error.ResponseHeaders ?? new SipHeaders(), error.StatusCode, error.Reason, null);

    /// <summary>A new random tag (RFC 3261 §19.3: at least 32 random bits).</summary>
    public static string NewTag() => RandomNumberGenerator.GetHexString(16, lowercase: true);

    /// <summary>A new RFC 3261 branch: the magic cookie and 64 random bits.</summary>
    public static string NewBranch() => ViaHeader.MagicCookie + RandomNumberGenerator.GetHexString(16, lowercase: true);

    private static SipResponse Build(SipHeaders requestHeaders, int statusCode, string? reasonPhrase, string? toTag)
    {
        var response = new SipResponse(statusCode, reasonPhrase ?? SipStatus.ReasonPhrase(statusCode));
        foreach (var via in requestHeaders.GetAll(HeaderNames.Via))
        {
            response.Headers.Add(HeaderNames.Via, via.Value);
        }
        Copy(requestHeaders, response, HeaderNames.From);
        if (requestHeaders.Get(HeaderNames.To) is { } to)
        {
            response.Headers.Add(HeaderNames.To, statusCode == SipStatus.Trying ? to : WithTag(to, toTag));
        }
        Copy(requestHeaders, response, HeaderNames.CallId);
        Copy(requestHeaders, response, HeaderNames.CSeq);
        if (statusCode == SipStatus.Trying)
        {
            Copy(requestHeaders, response, HeaderNames.Timestamp);
        }
        return response;
    }

    private static void Copy(SipHeaders from, SipResponse to, string name)
    {
        if (from.Get(name) is { } value)
        {
            to.Headers.Add(name, value);
        }
    }

    /// <summary>The To value with a tag appended when it has none (kept as received otherwise, even if malformed:
    /// the answer to a malformed request echoes what it got).</summary>
    private static string WithTag(string to, string? tag)
    {
        if (!NameAddress.TryParse(to, out var address) || address.Tag is not null)
        {
            return to;
        }
        return $"{to};tag={tag ?? NewTag()}";
    }
}
