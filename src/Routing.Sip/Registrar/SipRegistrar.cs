using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Sip.Authentication;
using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Transactions;

namespace Routing.Sip.Registrar;

/// <summary>The registrar of RFC 3261 §10.3 behind digest authentication (§22.4, RFC 8760). In the RFC's order: the
/// Request-URI's domain must be served (else 404); a source address with too many failed authentications gets 403
/// until its window ends; the request must authenticate (401 with a challenge per algorithm, 400 for a malformed
/// Authorization); the To header's address of record must be served and its user must be the
/// authenticated one (else 404, 403); then the contacts are read (400 for a malformed one or a wrong <c>*</c>, 423 with
/// Min-Expires for a too short expiry) and applied all or nothing (400 for a request older than one applied, 503
/// past the bounds). The 200 lists every binding with its remaining seconds and carries a Date header.
/// Path (RFC 3327), outbound (RFC 5626), GRUU (RFC 5627) and third-party registration are not supported.</summary>
public sealed class SipRegistrar : ISipRequestHandler, IDisposable
{
    private readonly SipRegistrarOptions _options;
    private readonly DigestAuthenticator _authenticator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    /// <summary>Source addresses whose failed authentications are counted at once.</summary>
    private const int TrackedSources = 100_000;

    private readonly AuthenticationFailures? _failures;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public SipRegistrar(SipRegistrarOptions options, ISipCredentialStore credentials, IEnumerable<ISipRegistrationListener> listeners,
        TimeProvider time, ILogger<SipRegistrar>? logger = null)
    {
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger<SipRegistrar>.Instance;
        _authenticator = new DigestAuthenticator(options.ToDigestSettings(), credentials, time);
        _failures = options.MaxFailedAuthenticationsPerSource > 0
            ? new AuthenticationFailures(options.MaxFailedAuthenticationsPerSource, options.FailedAuthenticationWindow, TrackedSources, time)
            : null;
        Bindings = new SipBindingTable(options.MaxAddressesOfRecord, options.MaxBindingsPerAddressOfRecord, time, listeners, _logger);
    }

    public string Method => SipMethods.Register;

    public SipBindingTable Bindings { get; }

    /// <summary>The live bindings of an address of record in any form (<c>sip:1001@Example.com;user=phone</c>);
    /// empty for an unknown or unparseable one.</summary>
    public IReadOnlyList<SipBinding> GetContacts(string addressOfRecord) =>
        AddressOfRecord.From(addressOfRecord) is { } canonical ? Bindings.Get(canonical) : [];

    public void OnRequest(ServerTransaction transaction) => _ = AnswerAsync(transaction);

    /// <summary>Cancels credential lookups in flight and stops the expiry sweep. Safe to call twice: the container
    /// disposes the instance once as itself and once as the stack's handler. The token source is not disposed, so a
    /// lookup finishing late still reads a cancelled token rather than a disposed one.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            Bindings.Dispose();
        }
    }

    private async Task AnswerAsync(ServerTransaction transaction)
    {
        SipResponse response;
        try
        {
            response = await HandleAsync(transaction);
        }
        catch (Exception exception)
        {
            SipRegistrarLog.Failed(_logger, transaction.Flow.RemoteEndPoint, exception);
            response = SipResponses.Create(transaction.Request, SipStatus.ServerInternalError, toTag: transaction.ToTag);
        }
        if (response.StatusCode is not (SipStatus.Ok or SipStatus.Unauthorized))
        {
            SipRegistrarLog.Refused(_logger, transaction.Flow.RemoteEndPoint, response.StatusCode, response.ReasonPhrase);
        }
        transaction.Respond(response);
    }

    private async Task<SipResponse> HandleAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!IsServed(request.RequestUri.Host))
        {
            return Refuse(transaction, SipStatus.NotFound, "Domain Not Served");
        }
        var source = transaction.Flow.RemoteEndPoint.Address;
        if (_failures?.IsBlocked(source) == true)
        {
            return Refuse(transaction, SipStatus.Forbidden, "Too Many Failed Authentications");
        }
        var outcome = await _authenticator.AuthenticateAsync(request, _stopping.Token);
        if (outcome.IsFailedGuess)
        {
            _failures?.Record(source);
        }
        if (outcome.Verdict == DigestVerdict.Malformed)
        {
            return Refuse(transaction, SipStatus.BadRequest, outcome.Problem);
        }
        if (outcome.Verdict == DigestVerdict.Challenge)
        {
            SipRegistrarLog.Challenged(_logger, transaction.Flow.RemoteEndPoint, outcome.Problem!);
            var challenge = Refuse(transaction, SipStatus.Unauthorized);
            _authenticator.AddChallenges(challenge, outcome.Stale);
            return challenge;
        }
        var to = request.To!.Uri;
        if (AddressOfRecord.From(to) is not { } addressOfRecord || !IsServed(to.Host))
        {
            return Refuse(transaction, SipStatus.NotFound, "Address Of Record Not Served");
        }
        // §10.3 step 4: the authenticated user may change only its own bindings (no third-party registration).
        if (to.UserUnescaped != outcome.Username)
        {
            return Refuse(transaction, SipStatus.Forbidden, "Not Your Address Of Record");
        }
        if (!RegistrationRequest.TryRead(request, _options, out var registration, out var refusal))
        {
            var refused = Refuse(transaction, refusal.Status, refusal.Reason);
            if (refusal.Status == SipStatus.IntervalTooBrief)
            {
                refused.Headers.Add("Min-Expires", _options.MinExpires.ToString(CultureInfo.InvariantCulture));
            }
            return refused;
        }
        var (update, bindings) = Bindings.Apply(addressOfRecord, registration, request.CallId!, request.CSeq!.Number, transaction.Flow);
        return update switch
        {
            BindingUpdate.Applied => Registered(transaction, addressOfRecord, bindings),
            BindingUpdate.OutOfOrder => Refuse(transaction, SipStatus.BadRequest, "CSeq Not Higher Than The Binding's"),
            // 503, as Kamailio's registrar answers past max_contacts: the limit is the server's, not a refusal of this
            // user (403 would tell the phone never to retry), and the phone registers once another contact expires.
            BindingUpdate.TooManyBindings => Refuse(transaction, SipStatus.ServiceUnavailable, "Too Many Registered Contacts"),
            _ => Refuse(transaction, SipStatus.ServiceUnavailable, "Registrar Full"),
        };
    }

    private bool IsServed(string host) =>
        _options.Domains.Count == 0 || _options.Domains.Contains(host, StringComparer.OrdinalIgnoreCase);

    private SipResponse Registered(ServerTransaction transaction, string addressOfRecord, IReadOnlyList<SipBinding> bindings)
    {
        var now = _time.GetUtcNow();
        var response = SipResponses.Create(transaction.Request, SipStatus.Ok, toTag: transaction.ToTag);
        foreach (var binding in bindings)
        {
            response.Headers.Add(HeaderNames.Contact, binding.ToContactHeader(now));
        }
        response.Headers.Add(HeaderNames.Date, now.ToString("r", CultureInfo.InvariantCulture));
        SipRegistrarLog.Registered(_logger, addressOfRecord, transaction.Flow.RemoteEndPoint, bindings.Count);
        return response;
    }

    private static SipResponse Refuse(ServerTransaction transaction, int status, string? reason = null) =>
        SipResponses.Create(transaction.Request, status, reason, transaction.ToTag);
}
