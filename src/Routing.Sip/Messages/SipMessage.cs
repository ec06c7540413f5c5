namespace Routing.Sip.Messages;

/// <summary>A SIP request or response: headers in order, a body, and typed views of the headers the stack uses.
/// The typed views parse on each call and return null for a missing or malformed value; the parser has already
/// refused a received message whose required headers are malformed.</summary>
public abstract class SipMessage
{
    public const string Version = "SIP/2.0";

    public SipHeaders Headers { get; internal set; } = new();

    public ReadOnlyMemory<byte> Body { get; set; } = ReadOnlyMemory<byte>.Empty;

    public IReadOnlyList<ViaHeader> Vias => ParseAll(HeaderNames.Via, static (string v, out ViaHeader? via) => ViaHeader.TryParse(v, out via));

    public ViaHeader? TopVia => Headers.Values(HeaderNames.Via) is [var first, ..] && ViaHeader.TryParse(first, out var via) ? via : null;

    public NameAddress? From => Address(HeaderNames.From);

    public NameAddress? To => Address(HeaderNames.To);

    public string? CallId => Headers.Get(HeaderNames.CallId);

    public CSeqHeader? CSeq => Headers.Get(HeaderNames.CSeq) is { } value && CSeqHeader.TryParse(value, out var cseq) ? cseq : null;

    /// <summary>Max-Forwards, or null when absent (an RFC 2543 element may leave it out).</summary>
    public int? MaxForwards => int.TryParse(Headers.Get(HeaderNames.MaxForwards), out var hops) ? hops : null;

    public int? ContentLength => int.TryParse(Headers.Get(HeaderNames.ContentLength), out var length) ? length : null;

    public string? ContentType => Headers.Get(HeaderNames.ContentType);

    public IReadOnlyList<NameAddress> Contacts => Addresses(HeaderNames.Contact);

    public IReadOnlyList<NameAddress> Routes => Addresses(HeaderNames.Route);

    public IReadOnlyList<NameAddress> RecordRoutes => Addresses(HeaderNames.RecordRoute);

    private NameAddress? Address(string name) =>
        Headers.Get(name) is { } value && NameAddress.TryParse(value, out var address) ? address : null;

    private IReadOnlyList<NameAddress> Addresses(string name) =>
        ParseAll(name, static (string v, out NameAddress? a) => NameAddress.TryParse(v, out a));

    private delegate bool TryParser<T>(string value, out T? parsed);

    private List<T> ParseAll<T>(string name, TryParser<T> parse)
    {
        var values = new List<T>();
        foreach (var value in Headers.Values(name))
        {
            if (parse(value, out var parsed) && parsed is not null)
            {
                values.Add(parsed);
            }
        }
        return values;
    }
}
