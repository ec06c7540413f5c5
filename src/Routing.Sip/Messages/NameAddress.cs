using System.Text;
using Routing.Sip.Parsing;

namespace Routing.Sip.Messages;

/// <summary>A From, To, Contact, Route or Record-Route value: <c>[display-name] &lt;URI&gt; *(;param)</c> or a bare
/// addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39).</summary>
public sealed class NameAddress
{
    public NameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>The display name, unquoted and unescaped, or null.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    /// <summary>Header parameters (tag, expires, q, lr on a Route written outside the brackets...).</summary>
    public SipParameters Parameters { get; } = new();

    public string? Tag => Parameters.Get("tag");

    /// <summary>Parses one value (a list header's values are split first). Never throws.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NameAddress? address)
    {
        address = null;
        var reader = new ValueReader(text);
        reader.SkipWhitespace();
        string? displayName = null;
        var angled = false;
        if (reader.Peek == '"')
        {
            if (!reader.TryReadQuoted(out _, out var content))
            {
                return false;
            }
            displayName = content;
            reader.SkipWhitespace();
            angled = true;
        }
        else if (text.Contains('<', StringComparison.Ordinal))
        {
            // display-name = *(token LWS): tokens separated by whitespace, nothing else (a comma is not allowed).
            var words = new StringBuilder();
            while (!reader.AtEnd && reader.Peek != '<')
            {
                var token = reader.ReadToken();
                if (token is null)
                {
                    return false;
                }
                words.Append(words.Length > 0 ? " " : string.Empty).Append(token);
                reader.SkipWhitespace();
            }
            displayName = words.Length > 0 ? words.ToString() : null;
            angled = true;
        }
        SipUri? uri;
        if (angled)
        {
            // No whitespace inside the brackets: "< sip:a@b >" is malformed (RFC 4475 §3.1.2.14).
            if (!reader.TryChar('<'))
            {
                return false;
            }
            var inner = reader.ReadUntilAny("> \t");
            if (!reader.TryChar('>') || !SipUri.TryParse(inner, out uri))
            {
                return false;
            }
        }
        else
        {
            // addr-spec: its URI ends at the first ';' (those are header parameters) and may not hold ',' or '?'.
            var spec = reader.ReadUntilAny("; \t");
            if (spec.IndexOfAny(",?") >= 0 || !SipUri.TryParse(spec, out uri))
            {
                return false;
            }
        }
        var parsed = new NameAddress(uri, displayName);
        if (!SipParameters.TryRead(ref reader, parsed.Parameters))
        {
            return false;
        }
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>Always the bracketed form, so URI parameters never read as header parameters.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        if (DisplayName is not null)
        {
            builder.Append('"').Append(DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\" ");
        }
        return builder.Append('<').Append(Uri).Append('>').Append(Parameters).ToString();
    }
}
