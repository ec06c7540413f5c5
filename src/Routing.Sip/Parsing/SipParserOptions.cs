using Microsoft.Extensions.Options;

namespace Routing.Sip.Parsing;

/// <summary>The parser's bounds: what a message may cost before it is refused.</summary>
public sealed class SipParserOptions
{
    /// <summary>Default size limit: a UDP datagram cannot be larger, and nothing the gateway handles needs more.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024;

    /// <summary>The largest message, header section and body together, in bytes. Larger ones get 513.</summary>
    public int MaxMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>The most header lines (after unfolding) a message may carry.</summary>
    public int MaxHeaderCount { get; set; } = 128;

}

/// <summary>Checks <see cref="SipParserOptions"/> at start-up and reports every problem at once.</summary>
public sealed class SipParserOptionsValidator : IValidateOptions<SipParserOptions>
{
    public ValidateOptionsResult Validate(string? name, SipParserOptions options)
    {
        var problems = new List<string>();
        if (options.MaxMessageSize is < 1024 or > 16 * 1024 * 1024)
        {
            problems.Add($"Sip:Parser:MaxMessageSize must be 1 KiB to 16 MiB (is {options.MaxMessageSize})");
        }
        if (options.MaxHeaderCount is < 16 or > 10_000)
        {
            problems.Add($"Sip:Parser:MaxHeaderCount must be 16 to 10,000 (is {options.MaxHeaderCount})");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
