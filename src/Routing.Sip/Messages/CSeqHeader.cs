using Routing.Sip.Parsing;

namespace Routing.Sip.Messages;

/// <summary>CSeq (RFC 3261 §20.16): a sequence number below 2**31 and a method.</summary>
public sealed record CSeqHeader(long Number, string Method)
{
    public const long MaxNumber = (1L << 31) - 1;

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CSeqHeader? cseq)
    {
        cseq = null;
        var reader = new ValueReader(text);
        reader.SkipWhitespace();
        var digits = reader.ReadWhile(Grammar.IsDigit);
        if (digits is null || digits.Length > 10 || !long.TryParse(digits, out var number) || number > MaxNumber)
        {
            return false;
        }
        var afterNumber = reader.Position;
        reader.SkipWhitespace();
        var method = reader.ReadToken();
        reader.SkipWhitespace();
        if (reader.Position == afterNumber || method is null || !reader.AtEnd)
        {
            return false;
        }
        cseq = new CSeqHeader(number, method);
        return true;
    }

    public override string ToString() => $"{Number} {Method}";
}
