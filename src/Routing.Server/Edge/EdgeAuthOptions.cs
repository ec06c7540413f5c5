using System.Text;
using Microsoft.Extensions.Options;
using Routing.Contracts.Security;

namespace Routing.Server.Edge;

/// <summary>
/// How the gRPC edge authenticates callers (section <c>Routing:Edge:Auth</c>): bearer JWTs either
/// signed with a symmetric development key (<see cref="SigningKey"/>) or issued by an OpenID Connect
/// authority (<see cref="Authority"/> + <see cref="Audience"/>). Exactly one of the two.
/// </summary>
public sealed class EdgeAuthOptions
{
    public const string SectionName = "Routing:Edge:Auth";

    /// <summary>Issuer every development token must carry.</summary>
    public const string DevelopmentIssuer = DevTokens.Issuer;

    /// <summary>Audience every development token must carry.</summary>
    public const string DevelopmentAudience = DevTokens.Audience;

    /// <summary>Shortest accepted <see cref="SigningKey"/>, in UTF-8 bytes (HMAC-SHA256 wants 256 bits).</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>Longest token lifetime the edge accepts unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>Upper bound of <see cref="MaxTokenLifetime"/>: a token is a credential, not an account.</summary>
    public static readonly TimeSpan LongestMaxTokenLifetime = TimeSpan.FromDays(31);

    /// <summary>
    /// Symmetric key (at least 32 bytes of UTF-8) that signs tokens with issuer and audience
    /// <c>routing</c>; mint them with <see cref="DevTokens"/>. The published
    /// <see cref="DevTokens.LocalDevelopmentKey"/> is accepted only in the Development environment; any
    /// other key is a shared secret the operator keeps (a warning is logged while one is in use).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Longest lifetime (expiry minus issue or not-before time) of a token the edge accepts;
    /// a token valid for longer is refused even when its signature is good.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = DefaultMaxTokenLifetime;

    /// <summary>OpenID Connect authority (e.g. <c>https://login.example.com/realms/routing</c>) whose
    /// signing keys validate tokens in production. Must use https.</summary>
    public string? Authority { get; set; }

    /// <summary>Audience tokens from <see cref="Authority"/> must carry.</summary>
    public string? Audience { get; set; }
}

/// <summary>Checks <see cref="EdgeAuthOptions"/> at start-up, reporting every problem at once. Outside
/// the Development environment the published development key stops start-up.</summary>
public sealed class EdgeAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<EdgeAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var hasKey = !string.IsNullOrEmpty(options.SigningKey);
        var hasAuthority = !string.IsNullOrEmpty(options.Authority);
        var section = EdgeAuthOptions.SectionName;
        if (hasKey == hasAuthority)
        {
            problems.Add(hasKey
                ? $"{section}: set exactly one of SigningKey or Authority (+ Audience), not both"
                : $"{section}: no way to check tokens is configured: set Authority and Audience (an OpenID Connect authority), "
                    + "or run with --environment Development to use the development key");
        }
        if (options.SigningKey == DevTokens.LocalDevelopmentKey && !environment.IsDevelopment())
        {
            problems.Add($"{section}:SigningKey is the published development key, which anyone can sign admin tokens with: "
                + $"it works only in the Development environment (--environment Development); this server runs as '{environment.EnvironmentName}'. "
                + $"Configure {section}:Authority and Audience (or a secret SigningKey of your own)");
        }
        if (options.MaxTokenLifetime <= TimeSpan.Zero || options.MaxTokenLifetime > EdgeAuthOptions.LongestMaxTokenLifetime)
        {
            problems.Add($"{section}:MaxTokenLifetime must be more than zero and at most {EdgeAuthOptions.LongestMaxTokenLifetime.TotalDays:0} days (it is {options.MaxTokenLifetime})");
        }
        if (hasKey && Encoding.UTF8.GetByteCount(options.SigningKey!) < EdgeAuthOptions.MinSigningKeyBytes)
        {
            problems.Add($"{section}:SigningKey must be at least {EdgeAuthOptions.MinSigningKeyBytes} bytes long");
        }
        if (hasAuthority)
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"{section}:Authority must be an absolute https URL");
            }
            if (string.IsNullOrEmpty(options.Audience))
            {
                problems.Add($"{section}:Audience is required with Authority");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
