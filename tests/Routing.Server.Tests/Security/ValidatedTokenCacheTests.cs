using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Routing.Contracts.Security;
using Routing.Server.Edge;

namespace Routing.Server.Tests.Security;

/// <summary>The edge's token handler checks a token once and reuses the result until the token expires or a minute
/// passes; a refused token is checked again every time.</summary>
public sealed class ValidatedTokenCacheTests
{
    private const string Key = "validated-token-cache-tests-signing-key-0123456789";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private int _checks;

    [Fact]
    public async Task SameTokenAgain_WithinAMinute_CheckedOnce()
    {
        var cache = new ValidatedTokenCache(_time);
        var token = DevTokens.Mint(Key, "acme", ["gateway"], null, TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters(Key));
        _time.Advance(TimeSpan.FromSeconds(50));
        var second = await cache.ValidateTokenAsync(token, Parameters(Key));

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal("acme", second.Claims["tenant"]);
        Assert.Equal(1, _checks);
    }

    [Fact]
    public async Task SameTokenAgain_AfterTheMaxAge_CheckedAgain()
    {
        var cache = new ValidatedTokenCache(_time);
        var token = DevTokens.Mint(Key, "acme", ["gateway"], null, TimeSpan.FromHours(1));

        await cache.ValidateTokenAsync(token, Parameters(Key));
        _time.Advance(ValidatedTokenCache.MaxAge);
        var again = await cache.ValidateTokenAsync(token, Parameters(Key));

        Assert.True(again.IsValid);
        Assert.Equal(2, _checks);
    }

    [Fact]
    public async Task TokenPastItsExpiry_CheckedAgainAndRefused()
    {
        var cache = new ValidatedTokenCache(_time);
        var token = DevTokens.Mint(Key, "acme", ["gateway"], null, TimeSpan.FromSeconds(20));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters(Key))).IsValid);

        _time.Advance(TimeSpan.FromSeconds(25));
        var late = await cache.ValidateTokenAsync(token, Parameters(Key));

        Assert.False(late.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(late.Exception);
        Assert.Equal(2, _checks);
    }

    [Fact]
    public async Task RefusedToken_NeverRemembered()
    {
        var cache = new ValidatedTokenCache(_time);
        var forged = DevTokens.Mint("another-key-that-this-server-does-not-trust-0123", "acme", ["admin"], null, TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(forged, Parameters(Key));
        var second = await cache.ValidateTokenAsync(forged, Parameters(Key));

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, _checks);
    }

    /// <summary>The edge's checks, with the token's lifetime judged by the test's clock and every check counted.</summary>
    private TokenValidationParameters Parameters(string key) => new()
    {
        ValidIssuer = Edge.EdgeAuthOptions.DevelopmentIssuer,
        ValidAudience = Edge.EdgeAuthOptions.DevelopmentAudience,
        IssuerSigningKeyResolver = (_, _, _, _) =>
        {
            Interlocked.Increment(ref _checks);
            return [DevTokens.SecurityKey(key)];
        },
        LifetimeValidator = (_, expires, _, _) => expires is { } end && _time.GetUtcNow().UtcDateTime < end
            ? true
            : throw new SecurityTokenExpiredException("expired") { Expires = expires ?? DateTime.MinValue },
    };
}
