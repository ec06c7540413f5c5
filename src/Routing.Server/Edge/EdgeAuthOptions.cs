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

    /// <summary>
    /// Symmetric key (at least 32 bytes of UTF-8) that signs development tokens, issuer and audience
    /// <c>routing</c>; mint them with <see cref="DevTokens"/>. For development and tests only: a warning
    /// is logged at start-up while it is in use.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect authority (e.g. <c>https://login.example.com/realms/routing</c>) whose
    /// signing keys validate tokens in production. Must use https.</summary>
    public string? Authority { get; set; }

    /// <summary>Audience tokens from <see cref="Authority"/> must carry.</summary>
    public string? Audience { get; set; }
}

/// <summary>Checks <see cref="EdgeAuthOptions"/> at start-up, reporting every problem at once.</summary>
public sealed class EdgeAuthOptionsValidator : IValidateOptions<EdgeAuthOptions>
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
            problems.Add($"{section}: set exactly one of SigningKey (development) or Authority (+ Audience, production)");
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
