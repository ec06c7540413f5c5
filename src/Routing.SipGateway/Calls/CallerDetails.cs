using Routing.Contracts.V1;
using Routing.Sip.Messages;

namespace Routing.SipGateway.Calls;

/// <summary>What an INVITE tells the cluster about a call: the dialled entry (the Request-URI's user), the caller's
/// number (P-Asserted-Identity when the trusted SBC set one, else From), and the attributes the IVR or SBC set: each
/// <c>X-</c> header as an attribute named after the rest of the header name (<c>X-tier: key-account</c> → tier), and
/// User-to-User as <c>uui</c>. Attributes that cannot be ids, or values that are too long, are left out rather than
/// failing the call.</summary>
internal sealed record CallerDetails(string Entry, string CallerNumber, Dictionary<string, string> Attributes)
{
    /// <summary>At most this many attributes (the edge's limit).</summary>
    public const int MaxAttributes = 32;

    /// <summary>Longest attribute value (the edge's limit).</summary>
    public const int MaxValueLength = 1_024;

    private const string AttributePrefix = "X-";

    public static CallerDetails Of(SipRequest invite)
    {
        var asserted = invite.Headers.Get("P-Asserted-Identity") is { } pai && NameAddress.TryParse(pai, out var identity) ? identity : null;
        var caller = asserted?.Uri ?? invite.From?.Uri;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in invite.Headers)
        {
            if (attributes.Count >= MaxAttributes)
            {
                break;
            }
            var key = header.Name.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase) ? header.Name[AttributePrefix.Length..]
                : string.Equals(header.Name, "User-to-User", StringComparison.OrdinalIgnoreCase) ? "uui"
                : null;
            if (key is not null && Routing.Core.EntityId.Problem("attribute", key) is null && header.Value.Length <= MaxValueLength)
            {
                attributes.TryAdd(key, header.Value.Trim());
            }
        }
        return new CallerDetails(invite.RequestUri.UserUnescaped ?? string.Empty, NumberOf(caller), attributes);
    }

    public CreateInteractionRequest ToCreate(string interactionId)
    {
        var request = new CreateInteractionRequest { InteractionId = interactionId, Entry = Entry, CustomerNumber = CallerNumber, Channel = Channel.Voice };
        request.Attributes.Add(Attributes);
        return request;
    }

    /// <summary>The user part of a sip: URI (the number), or the number of a tel: URI; empty for anonymous callers.</summary>
    private static string NumberOf(SipUri? uri)
    {
        var number = uri switch
        {
            null => null,
            { IsSip: true } => uri.UserUnescaped,
            _ => uri.Opaque?.Split(';')[0],
        };
        return number is null || number.Length > 128 || string.Equals(number, "anonymous", StringComparison.OrdinalIgnoreCase) ? string.Empty : number;
    }
}
