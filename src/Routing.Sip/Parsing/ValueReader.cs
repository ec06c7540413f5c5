namespace Routing.Sip.Parsing;

/// <summary>A forward-only cursor over one unfolded header value (or a URI). Every read is bounded by the value's
/// length and never backtracks, so no input can make parsing slower than linear.</summary>
internal ref struct ValueReader(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _position;

    public readonly bool AtEnd => _position >= _text.Length;

    public readonly int Position => _position;

    public readonly char Peek => AtEnd ? '\0' : _text[_position];

    public readonly ReadOnlySpan<char> Rest => _text[_position..];

    public void SkipWhitespace()
    {
        while (!AtEnd && Grammar.IsWhitespace(_text[_position]))
        {
            _position++;
        }
    }

    /// <summary>Consumes <paramref name="c"/> if it is next, with optional whitespace on both sides (SWS c SWS).</summary>
    public bool TrySeparator(char c)
    {
        var start = _position;
        SkipWhitespace();
        if (!AtEnd && _text[_position] == c)
        {
            _position++;
            SkipWhitespace();
            return true;
        }
        _position = start;
        return false;
    }

    /// <summary>Consumes <paramref name="c"/> if it is the very next character.</summary>
    public bool TryChar(char c)
    {
        if (!AtEnd && _text[_position] == c)
        {
            _position++;
            return true;
        }
        return false;
    }

    public string? ReadToken() => ReadWhile(Grammar.IsToken);

    /// <summary>One or more characters of a class; null when there are none.</summary>
    public string? ReadWhile(Func<char, bool> allowed)
    {
        var start = _position;
        while (!AtEnd && allowed(_text[_position]))
        {
            _position++;
        }
        return _position == start ? null : new string(_text[start.._position]);
    }

    /// <summary>Everything up to (not including) the first of <paramref name="stops"/>, or to the end.</summary>
    public ReadOnlySpan<char> ReadUntilAny(ReadOnlySpan<char> stops)
    {
        var length = _text[_position..].IndexOfAny(stops);
        var end = length < 0 ? _text.Length : _position + length;
        var read = _text[_position..end];
        _position = end;
        return read;
    }

    /// <summary>A quoted-string (the reader is on its opening quote): returns it as written, quotes included, and its
    /// unescaped content; false when it is not terminated or holds a character the grammar forbids.</summary>
    public bool TryReadQuoted(out string raw, out string content)
    {
        raw = content = string.Empty;
        var start = _position;
        if (!TryChar('"'))
        {
            return false;
        }
        var builder = new System.Text.StringBuilder();
        while (!AtEnd)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                raw = new string(_text[start.._position]);
                content = builder.ToString();
                return true;
            }
            if (c == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): any ASCII but CR and LF.
                if (AtEnd || _text[_position] is '\r' or '\n' || _text[_position] > '\x7f')
                {
                    return false;
                }
                builder.Append(_text[_position++]);
            }
            else if (c < ' ' && c != '\t' || c == '\x7f')
            {
                return false;
            }
            else
            {
                builder.Append(c);
            }
        }
        _position = start;
        return false;
    }
}
