namespace Routing.Sip.Messages;

/// <summary>One header line as received: its name (the canonical full name, see <see cref="HeaderNames.Normalize"/>)
/// and its value with folding undone and surrounding whitespace trimmed.</summary>
public sealed record SipHeader(string Name, string Value)
{
    public override string ToString() => $"{Name}: {Value}";
}
