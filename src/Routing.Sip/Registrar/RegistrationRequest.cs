using System.Globalization;
using Routing.Sip.Messages;

namespace Routing.Sip.Registrar;

/// <summary>What a REGISTER asks for (RFC 3261 §10.3 steps 6 and 7): nothing (a query), the removal of every binding
/// (<c>Contact: *</c> with <c>Expires: 0</c>), or contacts with the expiry each gets: its expires parameter, else the
/// Expires header, else the default, shortened to the maximum.</summary>
internal sealed record RegistrationRequest(bool RemoveAll, IReadOnlyList<ContactUpdate> Contacts)
{
    private const string ExpiresHeader = "Expires";

    /// <summary>Reads the request; on failure <paramref name="refusal"/> is the status (400 or 423) and its reason.</summary>
    public static bool TryRead(SipRequest request, SipRegistrarOptions options,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegistrationRequest? registration, out (int Status, string Reason) refusal)
    {
        registration = null;
        refusal = default;
        long? headerExpires = null;
        if (request.Headers.Get(ExpiresHeader) is { } expiresText)
        {
            if (!TryReadSeconds(expiresText, out var seconds))
            {
                refusal = (SipStatus.BadRequest, "Malformed Expires");
                return false;
            }
            headerExpires = seconds;
        }
        var values = request.Headers.Values(HeaderNames.Contact);
        if (values.Contains("*"))
        {
            if (values.Count != 1 || headerExpires != 0)
            {
                refusal = (SipStatus.BadRequest, "Contact * Needs Expires 0 And No Other Contact");
                return false;
            }
            registration = new RegistrationRequest(true, []);
            return true;
        }
        var contacts = new List<ContactUpdate>(values.Count);
        foreach (var value in values)
        {
            if (!TryReadContact(value, headerExpires, options, out var contact))
            {
                refusal = (SipStatus.BadRequest, "Malformed Contact");
                return false;
            }
            if (contact.ExpiresSeconds > 0 && contact.ExpiresSeconds < options.MinExpires)
            {
                refusal = (SipStatus.IntervalTooBrief, "Interval Too Brief");
                return false;
            }
            contacts.Add(contact with { ExpiresSeconds = Math.Min(contact.ExpiresSeconds, options.MaxExpires) });
        }
        registration = new RegistrationRequest(false, contacts);
        return true;
    }

    private static bool TryReadContact(string value, long? headerExpires, SipRegistrarOptions options, out ContactUpdate contact)
    {
        contact = default!;
        if (!NameAddress.TryParse(value, out var address) || !address.Uri.IsSip)
        {
            return false;
        }
        long expires = headerExpires ?? options.DefaultExpires;
        if (address.Parameters.Contains("expires") && !TryReadSeconds(address.Parameters.Get("expires"), out expires))
        {
            return false;
        }
        var q = address.Parameters.Get("q");
        if (address.Parameters.Contains("q") && !IsQValue(q))
        {
            return false;
        }
        contact = new ContactUpdate(address.Uri, (int)Math.Min(expires, int.MaxValue), q);
        return true;
    }

    /// <summary>delta-seconds: digits only; values past 2³²−1 are read as that (RFC 3261 §20.19 says so for Expires).</summary>
    private static bool TryReadSeconds(string? text, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrEmpty(text) || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        seconds = text.Length > 10 ? uint.MaxValue : Math.Min(long.Parse(text, CultureInfo.InvariantCulture), uint.MaxValue);
        return true;
    }

    /// <summary>qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).</summary>
    private static bool IsQValue(string? q) =>
        q is not null && q.Length is >= 1 and <= 5
        && (q[0] == '0' && (q.Length == 1 || q[1] == '.' && q[2..].All(char.IsAsciiDigit))
            || q[0] == '1' && (q.Length == 1 || q[1] == '.' && q[2..].All(c => c == '0')));
}

/// <summary>One contact of a REGISTER: its URI, the seconds asked for (0 removes it) and its q-value.</summary>
internal sealed record ContactUpdate(SipUri Uri, int ExpiresSeconds, string? Q);
