namespace Routing.Sip.Messages;

/// <summary>Splits a list header's value at its commas, but not at a comma inside a quoted-string (with its
/// backslash escapes) or inside angle brackets; each element is trimmed. Empty elements are kept so the caller can
/// refuse them (<c>Via: …;;,;,,</c> is malformed, RFC 4475 §3.1.2.1).</summary>
public static class HeaderValueSplitter
{
    public static List<string> Split(string value)
    {
        var parts = new List<string>();
        var quoted = false;
        var angled = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '<')
            {
                angled = true;
            }
            else if (c == '>')
            {
                angled = false;
            }
            else if (c == ',' && !angled)
            {
                parts.Add(value[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(value[start..].Trim());
        return parts;
    }
}
