using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Routing.Sip.Messages;

namespace Routing.Sip.Authentication;

/// <summary>Digest authentication of a request by a UAS (RFC 3261 §22.4, with RFC 7616's syntax and RFC 8760's
/// SHA-256): it finds the Authorization header for its realm, checks the algorithm, qop, digest-uri and nonce, looks
/// the account up and compares the response in constant time, then refuses a nonce-count already used. Every
/// failure but broken syntax is answered with a new challenge, so a client learns nothing about which part was
/// wrong; <c>stale=true</c> only when the response was right and the nonce was not (expired, from before a
/// restart, or its count already used), so the client retries without asking its user.</summary>
public sealed class DigestAuthenticator(DigestAuthenticatorSettings settings, ISipCredentialStore store, TimeProvider time)
{
    public const string ChallengeHeader = "WWW-Authenticate";
    public const string CredentialsHeader = "Authorization";

    private readonly DigestNonces _nonces = new(settings.Realm, settings.NonceLifetime, time);
    private readonly NonceCounts _counts = new(settings.MaxTrackedNonces);
    private readonly string _unknownUserHa1 = RandomNumberGenerator.GetHexString(64, lowercase: true);

    public string Realm => settings.Realm;

    public async ValueTask<DigestOutcome> AuthenticateAsync(SipRequest request, CancellationToken cancellationToken)
    {
        DigestCredentials? credentials = null;
        foreach (var header in request.Headers.GetAll(CredentialsHeader).Where(h => DigestCredentials.IsDigest(h.Value)))
        {
            if (!DigestCredentials.TryParse(header.Value, out var parsed))
            {
                return DigestOutcome.Malformed("Malformed Authorization header");
            }
            if (credentials is null && parsed.Realm == settings.Realm)
            {
                credentials = parsed;
            }
        }
        if (credentials is null)
        {
            return DigestOutcome.Challenge("no credentials for the realm");
        }
        var algorithm = DigestAlgorithm.Find(credentials.Algorithm);
        if (algorithm is null || !settings.Algorithms.Contains(algorithm))
        {
            return DigestOutcome.Challenge($"algorithm {credentials.Algorithm} not offered");
        }
        var qopProblem = QopProblem(credentials, algorithm);
        if (qopProblem is not null)
        {
            return DigestOutcome.Challenge(qopProblem);
        }
        if (!SipUri.TryParse(credentials.Uri, out var digestUri) || digestUri.ToString() != request.RequestUri.ToString())
        {
            return DigestOutcome.Challenge("digest uri differs from the Request-URI");
        }
        var account = await store.FindAsync(credentials.Username, settings.Realm, cancellationToken);
        var ha1 = account?.Ha1For(algorithm);
        // An unknown user costs the same digest as a known one, so the time of the answer does not tell them apart.
        var matches = ResponseMatches(credentials, algorithm, ha1 ?? _unknownUserHa1, request.Method);
        if (ha1 is null)
        {
            return DigestOutcome.Rejected("unknown user");
        }
        if (!matches)
        {
            return DigestOutcome.Rejected("wrong response");
        }
        var nonce = _nonces.Check(credentials.Nonce, out var issuedAt);
        if (nonce != NonceState.Valid)
        {
            return DigestOutcome.Challenge($"nonce {nonce.ToString().ToLowerInvariant()}", stale: true);
        }
        if (credentials.NonceCount is { } nc
            && !_counts.TryAccept(credentials.Nonce, issuedAt, uint.Parse(nc, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
        {
            return DigestOutcome.Challenge("nonce count reused", stale: true);
        }
        return DigestOutcome.Authenticated(credentials.Username);
    }

    /// <summary>Adds one WWW-Authenticate per algorithm, strongest first, all with the same fresh nonce.</summary>
    public void AddChallenges(SipResponse response, bool stale)
    {
        var nonce = _nonces.Issue();
        foreach (var algorithm in settings.Algorithms)
        {
            var challenge = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{DigestCredentials.Scheme} realm=\"{settings.Realm}\", nonce=\"{nonce}\", algorithm={algorithm.Name}, qop=\"auth\"");
            if (stale)
            {
                challenge.Append(", stale=true");
            }
            response.Headers.Add(ChallengeHeader, challenge.ToString());
        }
    }

    private string? QopProblem(DigestCredentials credentials, DigestAlgorithm algorithm) => credentials.Qop switch
    {
        null when settings.AllowLegacyRfc2069 && algorithm == DigestAlgorithm.Md5 => null,
        null => "a response without qop is not accepted",
        "auth" => null,
        _ => $"qop {credentials.Qop} not offered",
    };

    private static bool ResponseMatches(DigestCredentials credentials, DigestAlgorithm algorithm, string ha1, string method)
    {
        var expected = credentials.Qop is null
            ? DigestCalculator.LegacyResponse(algorithm, ha1, credentials.Nonce, method, credentials.Uri)
            : DigestCalculator.Response(algorithm, ha1, credentials.Nonce, credentials.NonceCount!, credentials.ClientNonce!, method, credentials.Uri);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credentials.Response.ToLowerInvariant()));
    }
}
