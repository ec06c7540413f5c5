using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Routing.Sip.Authentication;
using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Registrar;
using Routing.Sip.Transactions;

namespace Routing.Sip.Tests.Registrar;

/// <summary>The registrar behind the real UAS core and transaction layer, on a fake clock, with two accounts (alice
/// and bob) and a phone that answers challenges the way RFC 7616 §3.4 says a client does.</summary>
internal sealed partial class RegistrarHarness : IDisposable
{
    public const string Realm = "example.com";
    public const string AlicePassword = "correct horse";

    private int _branch;
    private int _nonceCount;
    private SipResponse? _challenge;

    /// <param name="configure">Changes to the default options.</param>
    /// <param name="extraListener">A listener told before <see cref="Listener"/>, made with the registrar it listens to.</param>
    public RegistrarHarness(Action<SipRegistrarOptions>? configure = null, Func<SipRegistrar, ISipRegistrationListener>? extraListener = null)
    {
        Options = new SipRegistrarOptions { Realm = Realm, Domains = [Realm] };
        configure?.Invoke(Options);
        var accounts = new InMemorySipCredentialStore(
            [SipAccount.FromPassword("alice", Realm, AlicePassword), SipAccount.FromPassword("bob", Realm, "battery staple")]);
        var deferred = new DeferredListener();
        Registrar = new SipRegistrar(Options, accounts, [deferred, Listener], Clock);
        deferred.Inner = extraListener?.Invoke(Registrar);
        Layer = new SipTransactionLayer(new SipTransactionOptions(), Clock, new SipCore(new SipCoreOptions(), [Registrar]));
    }

    public SipRegistrarOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingListener Listener { get; } = new();

    public SipRegistrar Registrar { get; }

    public SipTransactionLayer Layer { get; }

    public AnsweredFlow Flow { get; } = new();

    public void Dispose() => Registrar.Dispose();

    public Task<SipResponse> SendAsync(SipRequest request, AnsweredFlow? flow = null)
    {
        flow ??= Flow;
        Layer.OnMessage(request, flow);
        return flow.NextAsync();
    }

    /// <summary>A REGISTER of <paramref name="user"/>@example.com with the contacts given (none: a query).</summary>
    public SipRequest Register(string user = "alice", string[]? contacts = null, string callId = "phone-1@198.51.100.7", long cseq = 1,
        string? expires = null, string requestUri = "sip:example.com", string? toUser = null)
    {
        var register = new SipRequest(SipMethods.Register, SipUri.Parse(requestUri));
        register.Headers.Add(HeaderNames.Via, $"SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK-register-{++_branch}");
        register.Headers.Add(HeaderNames.MaxForwards, "70");
        register.Headers.Add(HeaderNames.From, $"<sip:{user}@example.com>;tag=phone-{_branch}");
        register.Headers.Add(HeaderNames.To, $"<sip:{toUser ?? user}@example.com>");
        register.Headers.Add(HeaderNames.CallId, callId);
        register.Headers.Add(HeaderNames.CSeq, $"{cseq} REGISTER");
        foreach (var contact in contacts ?? [])
        {
            register.Headers.Add(HeaderNames.Contact, contact);
        }
        if (expires is not null)
        {
            register.Headers.Add("Expires", expires);
        }
        register.Headers.Add(HeaderNames.ContentLength, "0");
        return register;
    }

    /// <summary>Sends <paramref name="request"/> with credentials for the last challenge (asking for one first), each
    /// time with the next nonce-count, as a phone does between challenges.</summary>
    public async Task<SipResponse> SendAuthorizedAsync(SipRequest request, string user = "alice", string password = AlicePassword,
        string algorithm = "SHA-256", AnsweredFlow? flow = null)
    {
        _challenge ??= await ChallengeAsync();
        Authorize(request, _challenge, user, password, algorithm, ++_nonceCount);
        return await SendAsync(request, flow);
    }

    /// <summary>A 401 for an unauthenticated REGISTER on a Call-ID of its own.</summary>
    public async Task<SipResponse> ChallengeAsync()
    {
        var challenge = await SendAsync(Register(callId: $"challenge-{_branch}@198.51.100.7", contacts: ["<sip:alice@198.51.100.7:5062>"]));
        Xunit.Assert.Equal(401, challenge.StatusCode);
        return challenge;
    }

    /// <summary>Adds the Authorization a client computes for <paramref name="challenge"/>'s offer of
    /// <paramref name="algorithm"/> (qop=auth).</summary>
    public static void Authorize(SipRequest request, SipResponse challenge, string user, string password, string algorithm = "SHA-256",
        int nonceCount = 1, string? uri = null, string realm = Realm)
    {
        var offer = challenge.Headers.Values(DigestAuthenticator.ChallengeHeader).Single(v => v.Contains($"algorithm={algorithm}", StringComparison.Ordinal));
        var nonce = NonceOf(offer);
        var digest = DigestAlgorithm.Find(algorithm)!;
        uri ??= request.RequestUri.ToString();
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        const string clientNonce = "0a4f113b";
        var response = DigestCalculator.Response(digest, DigestCalculator.Ha1(digest, user, realm, password), nonce, nc, clientNonce, request.Method, uri);
        request.Headers.Set(DigestAuthenticator.CredentialsHeader,
            $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm={algorithm}, qop=auth, nc={nc}, cnonce=\"{clientNonce}\"");
    }

    public static string NonceOf(string challenge) => NonceParameter().Match(challenge).Groups[1].Value;

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceParameter();

    /// <summary>Lets a listener be made after the registrar it listens to.</summary>
    private sealed class DeferredListener : ISipRegistrationListener
    {
        public ISipRegistrationListener? Inner { get; set; }

        public void OnBindingsChanged(string addressOfRecord, IReadOnlyList<SipBinding> bindings) =>
            Inner?.OnBindingsChanged(addressOfRecord, bindings);
    }
}
