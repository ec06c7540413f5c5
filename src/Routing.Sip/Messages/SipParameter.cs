namespace Routing.Sip.Messages;

/// <summary>One <c>;name[=value]</c> parameter of a URI or header value. The value is kept as written (a
/// quoted-string keeps its quotes), so serializing gives back what was received; null for a parameter without
/// a value (<c>;lr</c>, <c>;rport</c>).</summary>
public sealed record SipParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
