using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Routing.Server.Edge;

/// <summary>
/// The JWT handler of the edge, which remembers tokens it found valid. A gateway or supervisor sends the same
/// token with every call; checking its signature and building its claims each time is a large part of what
/// a short call costs. A remembered result is reused until the token expires or <see cref="MaxAge"/> passes,
/// whichever is first, so a signing key the authority withdraws stops being honoured within that time. Refusals
/// are never remembered: each is checked again and answered with its reason.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time) : JsonWebTokenHandler
{
    /// <summary>How long a validation is reused at most.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Tokens remembered at most; past it the cache starts afresh (a flood of distinct tokens cannot grow it).</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, Validated> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_valid.TryGetValue(token, out var known) && now < known.Until)
        {
            return known.Result;
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } securityToken)
        {
            if (_valid.Count >= MaxEntries)
            {
                _valid.Clear();
            }
            var expires = new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc));
            _valid[token] = new Validated(result, expires < now + MaxAge ? expires : now + MaxAge);
        }
        return result;
    }

    /// <summary>A token found valid, reusable until <see cref="Until"/>. The handler is given a fresh copy of the
    /// validation parameters with every call, so they cannot key the cache; <see cref="MaxAge"/> bounds how long a
    /// refreshed key set takes to apply.</summary>
    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until);
}
