using System.Collections;
using Routing.Sip.Parsing;

namespace Routing.Sip.Messages;

/// <summary>Parameters in the order received; names compare case-insensitively (RFC 3261 §7.3.1, §19.1.4).</summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    private readonly List<SipParameter> _items = [];

    public int Count => _items.Count;

    public SipParameter this[int index] => _items[index];

    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The value of <paramref name="name"/> (null when absent or valueless; see <see cref="Contains"/>).</summary>
    public string? Get(string name) => Find(name)?.Value;

    /// <summary>Adds, or replaces the value of the parameter already there (keeping its place).</summary>
    public void Set(string name, string? value)
    {
        var index = _items.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            _items[index] = new SipParameter(_items[index].Name, value);
        }
        else
        {
            _items.Add(new SipParameter(name, value));
        }
    }

    public bool Remove(string name) =>
        _items.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) > 0;

    public IEnumerator<SipParameter> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>;a=b;c</c>, or empty.</summary>
    public override string ToString() => _items.Count == 0 ? string.Empty : ";" + string.Join(';', _items);

    private SipParameter? Find(string name) =>
        _items.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads <c>*( SEMI generic-param )</c> of a header value: <c>token [ EQUAL ( token / host /
    /// quoted-string ) ]</c>, with whitespace allowed around the separators. False on anything else.</summary>
    internal static bool TryRead(ref ValueReader reader, SipParameters into)
    {
        while (reader.TrySeparator(';'))
        {
            var name = reader.ReadToken();
            if (name is null)
            {
                return false;
            }
            string? value = null;
            if (reader.TrySeparator('='))
            {
                if (reader.Peek == '"')
                {
                    if (!reader.TryReadQuoted(out var raw, out _))
                    {
                        return false;
                    }
                    value = raw;
                }
                else
                {
                    // token or host (an IPv6 reference brings its brackets and colons).
                    value = reader.ReadWhile(static c => Grammar.IsToken(c) || c is '[' or ']' or ':');
                    if (value is null)
                    {
                        return false;
                    }
                }
            }
            into._items.Add(new SipParameter(name, value));
        }
        return true;
    }
}
