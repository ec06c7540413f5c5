using Microsoft.Extensions.Time.Testing;
using Routing.Sip.Authentication;
using Xunit;

namespace Routing.Sip.Tests.Registrar;

/// <summary>Stateless nonces and the bounded nonce-count table.</summary>
public sealed class DigestNonceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Nonce_IsValidUntilItsLifetime_ThenExpired()
    {
        var nonces = new DigestNonces("example.com", TimeSpan.FromMinutes(5), _clock);
        var nonce = nonces.Issue();

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(NonceState.Valid, nonces.Check(nonce, out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(NonceState.Expired, nonces.Check(nonce, out _));
    }

    [Fact]
    public void AlteredNonce_OrOneOfAnotherRealmOrProcess_IsInvalid()
    {
        var nonces = new DigestNonces("example.com", TimeSpan.FromMinutes(5), _clock);
        var nonce = nonces.Issue();
        var altered = (nonce[0] == 'A' ? "B" : "A") + nonce[1..];

        Assert.Equal(NonceState.Invalid, nonces.Check(altered, out _));
        Assert.Equal(NonceState.Invalid, new DigestNonces("other.example.com", TimeSpan.FromMinutes(5), _clock).Check(nonce, out _));
        Assert.Equal(NonceState.Invalid, new DigestNonces("example.com", TimeSpan.FromMinutes(5), _clock).Check(nonce, out _));
        Assert.Equal(NonceState.Invalid, nonces.Check("not a nonce", out _));
    }

    [Fact]
    public void TwoNoncesOfTheSameMillisecond_Differ()
    {
        var nonces = new DigestNonces("example.com", TimeSpan.FromMinutes(5), _clock);

        Assert.NotEqual(nonces.Issue(), nonces.Issue());
    }

    [Fact]
    public void NonceCount_MustRise()
    {
        var counts = new NonceCounts(10);
        var issued = _clock.GetUtcNow();

        Assert.True(counts.TryAccept("n", issued, 1));
        Assert.False(counts.TryAccept("n", issued, 1));
        Assert.True(counts.TryAccept("n", issued, 3));
        Assert.False(counts.TryAccept("n", issued, 2));
    }

    [Fact]
    public void FullTable_ForgetsTheOldestNonce_AndRefusesItAfterwards()
    {
        var counts = new NonceCounts(2);
        var first = _clock.GetUtcNow();
        Assert.True(counts.TryAccept("first", first, 1));
        Assert.True(counts.TryAccept("second", first.AddSeconds(1), 1));

        Assert.True(counts.TryAccept("third", first.AddSeconds(2), 1));

        // "first"'s counts are gone, so its replay could not be recognised: it is refused (the client gets stale=true).
        Assert.False(counts.TryAccept("first", first, 2));
        Assert.True(counts.TryAccept("third", first.AddSeconds(2), 2));
    }
}
