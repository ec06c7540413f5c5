namespace Routing.Sip.Parsing;

/// <summary>The character classes of RFC 3261 §25.1, as lookup tables so every check is one array read.</summary>
internal static class Grammar
{
    private static readonly bool[] TokenChars = Table(Alphanumerics + "-.!%*_+`'~");
    private static readonly bool[] WordChars = Table(Alphanumerics + "-.!%*_+`'~()<>:\\\"/[]?{}");
    private static readonly bool[] Unreserved = Table(Alphanumerics + "-_.!~*'()");
    private static readonly bool[] UserChars = Table(Alphanumerics + "-_.!~*'()" + "&=+$,;?/");
    private static readonly bool[] PasswordChars = Table(Alphanumerics + "-_.!~*'()" + "&=+$,");
    private static readonly bool[] ParamChars = Table(Alphanumerics + "-_.!~*'()" + "[]/:&+$");
    private static readonly bool[] HeaderChars = Table(Alphanumerics + "-_.!~*'()" + "[]/?:+$");
    private static readonly bool[] UricChars = Table(Alphanumerics + "-_.!~*'()" + ";/?:@&=+$,");
    private static readonly bool[] HostChars = Table(Alphanumerics + "-.");
    private static readonly bool[] SchemeChars = Table(Alphanumerics + "+-.");

    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static bool IsToken(char c) => Is(TokenChars, c);

    public static bool IsWord(char c) => Is(WordChars, c);

    public static bool IsUnreserved(char c) => Is(Unreserved, c);

    public static bool IsUserChar(char c) => Is(UserChars, c);

    public static bool IsPasswordChar(char c) => Is(PasswordChars, c);

    public static bool IsParamChar(char c) => Is(ParamChars, c);

    public static bool IsHeaderChar(char c) => Is(HeaderChars, c);

    public static bool IsUric(char c) => Is(UricChars, c);

    public static bool IsHostChar(char c) => Is(HostChars, c);

    public static bool IsSchemeChar(char c) => Is(SchemeChars, c);

    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);

    /// <summary>A token: one or more token characters and nothing else.</summary>
    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!IsToken(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Characters of one class, where <c>%HH</c> escapes are also allowed (URI components).</summary>
    public static bool IsEscapedRun(ReadOnlySpan<char> text, Func<char, bool> allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHexDigit(text[i + 1]) || !IsHexDigit(text[i + 2]))
                {
                    return false;
                }
                i += 2;
            }
            else if (!allowed(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Decodes <c>%HH</c> escapes (already validated) into UTF-8 text; a NUL stays a NUL.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }
        var bytes = new List<byte>(text.Length);
        var runStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHexDigit(text[i + 1]) && IsHexDigit(text[i + 2]))
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text[runStart..i]));
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
                runStart = i + 1;
            }
        }
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text[runStart..]));
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (char.ToLowerInvariant(c) - 'a' + 10);

    private static bool Is(bool[] table, char c) => c < 128 && table[c];

    private static bool[] Table(string chars)
    {
        var table = new bool[128];
        foreach (var c in chars)
        {
            table[c] = true;
        }
        return table;
    }
}
