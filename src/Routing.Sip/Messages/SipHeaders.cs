using System.Collections;

namespace Routing.Sip.Messages;

/// <summary>A message's headers in the order received. Names compare case-insensitively and compact forms match their
/// full names (<c>v</c> is Via), because names are normalised when a header is added.</summary>
public sealed class SipHeaders : IReadOnlyList<SipHeader>
{
    private readonly List<SipHeader> _items;

    public SipHeaders() => _items = [];

    public SipHeaders(int capacity) => _items = new List<SipHeader>(capacity);

    public int Count => _items.Count;

    public SipHeader this[int index] => _items[index];

    public void Add(string name, string value) => _items.Add(new SipHeader(HeaderNames.Normalize(name), value));

    /// <summary>Adds <paramref name="value"/> before the other headers of the same name (a proxy's Via, a Record-Route).</summary>
    public void AddFirst(string name, string value)
    {
        var normalized = HeaderNames.Normalize(name);
        var index = IndexOf(normalized);
        _items.Insert(index < 0 ? _items.Count : index, new SipHeader(normalized, value));
    }

    /// <summary>Replaces every header of this name with one (in the place of the first), or adds it at the end.</summary>
    public void Set(string name, string value)
    {
        var normalized = HeaderNames.Normalize(name);
        var index = IndexOf(normalized);
        Remove(normalized);
        _items.Insert(index < 0 ? _items.Count : Math.Min(index, _items.Count), new SipHeader(normalized, value));
    }

    /// <summary>Replaces the value of the first header line of <paramref name="name"/> (the top Via when a transport
    /// stamps it), keeping its place; adds it when there is none.</summary>
    public void ReplaceFirst(string name, string value)
    {
        var index = IndexOf(HeaderNames.Normalize(name));
        if (index < 0)
        {
            Add(name, value);
            return;
        }
        _items[index] = _items[index] with { Value = value };
    }

    /// <summary>Removes the first value of <paramref name="name"/> (a proxy's own Via or Route, §16.4, §16.7): the
    /// first line, or its first comma-separated value when the line holds several. False when there is none.</summary>
    public bool RemoveFirstValue(string name)
    {
        var index = IndexOf(HeaderNames.Normalize(name));
        if (index < 0)
        {
            return false;
        }
        var values = HeaderNames.IsList(name) ? HeaderValueSplitter.Split(_items[index].Value) : [];
        if (values.Count > 1)
        {
            _items[index] = _items[index] with { Value = string.Join(", ", values.Skip(1)) };
        }
        else
        {
            _items.RemoveAt(index);
        }
        return true;
    }

    public int Remove(string name)
    {
        var normalized = HeaderNames.Normalize(name);
        return _items.RemoveAll(h => Is(h, normalized));
    }

    public bool Contains(string name) => IndexOf(HeaderNames.Normalize(name)) >= 0;

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Get(string name) => IndexOf(HeaderNames.Normalize(name)) is var index and >= 0 ? _items[index].Value : null;

    /// <summary>Every header line of <paramref name="name"/>, in order.</summary>
    public IEnumerable<SipHeader> GetAll(string name)
    {
        var normalized = HeaderNames.Normalize(name);
        return _items.Where(h => Is(h, normalized));
    }

    /// <summary>Every value of <paramref name="name"/> in order: list headers split at their commas (not inside quotes
    /// or angle brackets), other headers one value per line.</summary>
    public IReadOnlyList<string> Values(string name)
    {
        var values = new List<string>();
        var isList = HeaderNames.IsList(name);
        foreach (var header in GetAll(name))
        {
            if (isList)
            {
                values.AddRange(HeaderValueSplitter.Split(header.Value));
            }
            else
            {
                values.Add(header.Value);
            }
        }
        return values;
    }

    public IEnumerator<SipHeader> GetEnumerator() => _items.GetEnumerator();

    // Names are normalised when added, so one normalisation of the name asked for is enough to compare.
    private static bool Is(SipHeader header, string normalized) => string.Equals(header.Name, normalized, StringComparison.OrdinalIgnoreCase);

    private int IndexOf(string normalized)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (Is(_items[i], normalized))
            {
                return i;
            }
        }
        return -1;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
