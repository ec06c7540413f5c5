using Routing.Sip.Authentication;
using Routing.Sip.Messages;
using Xunit;

namespace Routing.Sip.Tests.Registrar;

/// <summary>REGISTER behind digest authentication (RFC 3261 §22.4, RFC 7616, RFC 8760), through the core and the
/// transaction layer.</summary>
public sealed class DigestAuthenticationTests : IDisposable
{
    private const string Contact = "<sip:alice@198.51.100.7:5062>";

    private readonly RegistrarHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task RegisterWithoutCredentials_Gets401_OfferingSha256ThenMd5()
    {
        var response = await _harness.SendAsync(_harness.Register(contacts: [Contact]));

        Assert.Equal(401, response.StatusCode);
        var offers = response.Headers.Values(DigestAuthenticator.ChallengeHeader);
        Assert.Equal(2, offers.Count);
        Assert.Contains("algorithm=SHA-256", offers[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", offers[1], StringComparison.Ordinal);
        Assert.All(offers, o => Assert.Contains("realm=\"example.com\"", o, StringComparison.Ordinal));
        Assert.All(offers, o => Assert.Contains("qop=\"auth\"", o, StringComparison.Ordinal));
        Assert.DoesNotContain("stale", offers[0], StringComparison.Ordinal);
        Assert.NotNull(response.To!.Tag);
        Assert.Empty(_harness.Registrar.GetContacts("sip:alice@example.com"));
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public async Task AnsweredChallenge_Registers(string algorithm)
    {
        var response = await _harness.SendAuthorizedAsync(_harness.Register(contacts: [Contact]), algorithm: algorithm);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("sip:alice@198.51.100.7:5062", Assert.Single(_harness.Registrar.GetContacts("sip:alice@example.com")).Contact.ToString());
    }

    [Fact]
    public async Task WrongPassword_Gets401_AndNoBinding()
    {
        var response = await _harness.SendAuthorizedAsync(_harness.Register(contacts: [Contact]), password: "wrong");

        AssertFreshChallenge(response, stale: false);
        Assert.Empty(_harness.Registrar.GetContacts("sip:alice@example.com"));
    }

    [Fact]
    public async Task UnknownUser_Gets401()
    {
        var response = await _harness.SendAuthorizedAsync(_harness.Register(user: "mallory", contacts: [Contact]), user: "mallory");

        AssertFreshChallenge(response, stale: false);
    }

    [Theory]
    [InlineData("other.example.com", null)]
    [InlineData(RegistrarHarness.Realm, "sip:other.example.com")]
    public async Task CredentialsForAnotherRealmOrUri_Get401(string realm, string? uri)
    {
        var challenge = await _harness.ChallengeAsync();
        var register = _harness.Register(contacts: [Contact], cseq: 2);
        RegistrarHarness.Authorize(register, challenge, "alice", RegistrarHarness.AlicePassword, uri: uri, realm: realm);

        AssertFreshChallenge(await _harness.SendAsync(register), stale: false);
        Assert.Empty(_harness.Registrar.GetContacts("sip:alice@example.com"));
    }

    [Theory]
    [InlineData("Digest username=\"alice\", realm=")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\"")]
    [InlineData("Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\", response=\"r\", qop=auth, nc=1, cnonce=\"c\"")]
    [InlineData("Digest username=\"alice\" realm=\"example.com\"")]
    public async Task MalformedAuthorization_Gets400_AndNoBinding(string authorization)
    {
        var register = _harness.Register(contacts: [Contact]);
        register.Headers.Add(DigestAuthenticator.CredentialsHeader, authorization);

        var response = await _harness.SendAsync(register);

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(_harness.Registrar.GetContacts("sip:alice@example.com"));
    }

    [Fact]
    public async Task ExpiredNonce_WithTheRightPassword_GetsStaleChallenge_ThenTheNewNonceWorks()
    {
        var challenge = await _harness.ChallengeAsync();
        _harness.Clock.Advance(_harness.Options.NonceLifetime + TimeSpan.FromSeconds(1));
        var register = _harness.Register(contacts: [Contact], cseq: 2);
        RegistrarHarness.Authorize(register, challenge, "alice", RegistrarHarness.AlicePassword);

        var stale = await _harness.SendAsync(register);
        AssertFreshChallenge(stale, stale: true);
        var retry = _harness.Register(contacts: [Contact], cseq: 3);
        RegistrarHarness.Authorize(retry, stale, "alice", RegistrarHarness.AlicePassword);

        Assert.Equal(200, (await _harness.SendAsync(retry)).StatusCode);
    }

    [Fact]
    public async Task ExpiredNonce_WithAWrongPassword_GetsChallengeWithoutStale()
    {
        var challenge = await _harness.ChallengeAsync();
        _harness.Clock.Advance(_harness.Options.NonceLifetime + TimeSpan.FromSeconds(1));
        var register = _harness.Register(contacts: [Contact], cseq: 2);
        RegistrarHarness.Authorize(register, challenge, "alice", "wrong");

        AssertFreshChallenge(await _harness.SendAsync(register), stale: false);
    }

    [Fact]
    public async Task NonceFromAnotherRegistrarProcess_WithTheRightPassword_GetsStaleChallenge()
    {
        // What a phone meets after the gateway restarts: its nonce fails the new process's HMAC, its password is right.
        using var before = new RegistrarHarness();
        var oldChallenge = await before.ChallengeAsync();
        var register = _harness.Register(contacts: [Contact], cseq: 2);
        RegistrarHarness.Authorize(register, oldChallenge, "alice", RegistrarHarness.AlicePassword);

        AssertFreshChallenge(await _harness.SendAsync(register), stale: true);
        Assert.Empty(_harness.Registrar.GetContacts("sip:alice@example.com"));
    }

    [Fact]
    public async Task ReplayedNonceCount_IsRefused_AndAHigherOneAccepted()
    {
        var challenge = await _harness.ChallengeAsync();
        var first = _harness.Register(contacts: [Contact], cseq: 2);
        RegistrarHarness.Authorize(first, challenge, "alice", RegistrarHarness.AlicePassword, nonceCount: 1);
        Assert.Equal(200, (await _harness.SendAsync(first)).StatusCode);

        var replay = _harness.Register(contacts: ["<sip:mallory@203.0.113.66>"], cseq: 3);
        RegistrarHarness.Authorize(replay, challenge, "alice", RegistrarHarness.AlicePassword, nonceCount: 1);
        AssertFreshChallenge(await _harness.SendAsync(replay), stale: true);

        var next = _harness.Register(contacts: [Contact], cseq: 4);
        RegistrarHarness.Authorize(next, challenge, "alice", RegistrarHarness.AlicePassword, nonceCount: 2);
        Assert.Equal(200, (await _harness.SendAsync(next)).StatusCode);
        Assert.Single(_harness.Registrar.GetContacts("sip:alice@example.com"));
    }

    [Fact]
    public async Task ResponseWithoutQop_IsRefusedUnlessLegacyClientsAreAllowed()
    {
        using var legacy = new RegistrarHarness(o => o.AllowLegacyRfc2069 = true);
        foreach (var (harness, expected) in new[] { (_harness, 401), (legacy, 200) })
        {
            var challenge = await harness.ChallengeAsync();
            var nonce = RegistrarHarness.NonceOf(challenge.Headers.Values(DigestAuthenticator.ChallengeHeader)[1]);
            var register = harness.Register(contacts: [Contact], cseq: 2);
            var ha1 = DigestCalculator.Ha1(DigestAlgorithm.Md5, "alice", RegistrarHarness.Realm, RegistrarHarness.AlicePassword);
            var response = DigestCalculator.LegacyResponse(DigestAlgorithm.Md5, ha1, nonce, "REGISTER", "sip:example.com");
            register.Headers.Add(DigestAuthenticator.CredentialsHeader,
                $"Digest username=\"alice\", realm=\"example.com\", nonce=\"{nonce}\", uri=\"sip:example.com\", response=\"{response}\"");

            Assert.Equal(expected, (await harness.SendAsync(register)).StatusCode);
        }
    }

    [Fact]
    public async Task AuthenticatedUser_RegisteringAnotherUsersAddress_Gets403()
    {
        var response = await _harness.SendAuthorizedAsync(_harness.Register(user: "bob", toUser: "alice", contacts: [Contact]),
            user: "bob", password: "battery staple");

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(_harness.Registrar.GetContacts("sip:alice@example.com"));
    }

    [Fact]
    public async Task SourceWithTooManyFailures_Gets403UntilItsWindowEnds_EvenWithTheRightPassword()
    {
        using var harness = new RegistrarHarness(o => o.MaxFailedAuthenticationsPerSource = 3);
        for (var guess = 1; guess <= 3; guess++)
        {
            AssertFreshChallenge(await harness.SendAuthorizedAsync(harness.Register(contacts: [Contact], cseq: guess), password: $"guess-{guess}"), stale: false);
        }

        var blocked = await harness.SendAuthorizedAsync(harness.Register(contacts: [Contact], cseq: 4));
        harness.Clock.Advance(harness.Options.FailedAuthenticationWindow);
        var afterWindow = await harness.SendAsync(harness.Register(contacts: [Contact], cseq: 5));

        Assert.Equal(403, blocked.StatusCode);
        Assert.Equal(401, afterWindow.StatusCode);
        var register = harness.Register(contacts: [Contact], cseq: 6);
        RegistrarHarness.Authorize(register, afterWindow, "alice", RegistrarHarness.AlicePassword);
        Assert.Equal(200, (await harness.SendAsync(register)).StatusCode);
    }

    [Fact]
    public async Task UnauthenticatedFirstRequests_DoNotCountAsFailures()
    {
        using var harness = new RegistrarHarness(o => o.MaxFailedAuthenticationsPerSource = 1);
        for (var i = 0; i < 3; i++)
        {
            await harness.ChallengeAsync();
        }

        Assert.Equal(200, (await harness.SendAuthorizedAsync(harness.Register(contacts: [Contact]))).StatusCode);
    }

    private static void AssertFreshChallenge(SipResponse response, bool stale)
    {
        Assert.Equal(401, response.StatusCode);
        var offers = response.Headers.Values(DigestAuthenticator.ChallengeHeader);
        Assert.Equal(2, offers.Count);
        Assert.All(offers, o => Assert.Equal(stale, o.Contains("stale=true", StringComparison.Ordinal)));
    }
}
