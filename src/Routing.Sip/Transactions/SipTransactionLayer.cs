using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>The transaction layer of RFC 3261 §17: it matches each request and response to its transaction (§17.1.3,
/// §17.2.3, with the RFC 2543 fallback), creates server transactions for new requests and hands them to the
/// transaction user, answers CANCEL (§9.2: 200 and the TU told, or 481 when nothing matches), refuses merged requests
/// with 482 (§8.2.2.2), and keeps the tables bounded.</summary>
public sealed class SipTransactionLayer(SipTransactionOptions options, TimeProvider time, ISipTransactionUser user, ILogger<SipTransactionLayer>? logger = null)
    : ISipMessageSink
{
    private readonly ILogger _logger = logger ?? NullLogger<SipTransactionLayer>.Instance;
    private readonly ConcurrentDictionary<string, ServerTransaction> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _merges = new(StringComparer.Ordinal);

    public int ServerTransactionCount => _servers.Count;

    public int ClientTransactionCount => _clients.Count;

    /// <summary>Offered the responses no client transaction matches: a proxy forwards a 2xx's retransmissions there,
    /// since its INVITE client transaction ended on the first 2xx (§16.7, RFC 6026 §7.2).</summary>
    internal IStrayResponses? StrayResponses { get; set; }

    public void OnMessage(SipMessage message, ISipFlow flow)
    {
        switch (message)
        {
            case SipRequest request:
                OnRequest(request, flow);
                break;
            case SipResponse response:
                OnResponse(response, flow);
                break;
        }
    }

    /// <summary>Starts a client transaction for <paramref name="request"/>, whose top Via carries a new RFC 3261 branch
    /// (<see cref="SipResponses.NewBranch"/>), and sends it on <paramref name="flow"/>. <paramref name="onProvisional"/>
    /// is subscribed before the request leaves, so no provisional response can come before it.</summary>
    public ClientTransaction SendRequest(SipRequest request, ISipFlow flow, Action<SipResponse>? onProvisional = null)
    {
        if (request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("An ACK has no transaction of its own; send it on the flow", nameof(request));
        }
        var key = TransactionKeys.Client(request) ?? throw new ArgumentException("The request needs a top Via with a branch and a CSeq", nameof(request));
        if (_servers.Count + _clients.Count >= options.MaxTransactions)
        {
            throw new InvalidOperationException($"{options.MaxTransactions} transactions are open, the most allowed");
        }
        ClientTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteClientTransaction(key, request, flow, options, time)
            : new NonInviteClientTransaction(key, request, flow, options, time);
        if (!_clients.TryAdd(key, transaction))
        {
            transaction.Discard();
            throw new ArgumentException($"A client transaction with branch {request.TopVia?.Branch} is already open", nameof(request));
        }
        transaction.OnTerminated(t => _clients.TryRemove(new KeyValuePair<string, ClientTransaction>(t.Key, (ClientTransaction)t)));
        transaction.ProvisionalReceived += onProvisional;
        transaction.Start();
        return transaction;
    }

    private void OnResponse(SipResponse response, ISipFlow flow)
    {
        if (TransactionKeys.Client(response) is { } key && _clients.TryGetValue(key, out var transaction))
        {
            transaction.OnResponse(response);
            return;
        }
        if (StrayResponses?.TryForward(response) == true)
        {
            return;
        }
        SipTransactionLog.StrayResponse(_logger, response.StatusCode, response.CSeq?.ToString(), flow.RemoteEndPoint);
    }

    private void OnRequest(SipRequest request, ISipFlow flow)
    {
        var key = TransactionKeys.Server(request);
        if (key is null)
        {
            return;
        }
        if (_servers.TryGetValue(key, out var existing))
        {
            existing.OnRetransmission(request);
            return;
        }
        if (request.Method == SipMethods.Ack)
        {
            user.OnStrayAck(request, flow);
            return;
        }
        if (user.AnswerStatelessly(request) is { } answer)
        {
            flow.Send(SipSerializer.Serialize(answer));
            return;
        }
        if (_servers.Count + _clients.Count >= options.MaxTransactions)
        {
            SipTransactionLog.TableFull(_logger, _servers.Count + _clients.Count, request.Method, flow.RemoteEndPoint);
            flow.Send(SipSerializer.Serialize(SipResponses.Create(request, 503)));
            return;
        }
        ServerTransaction transaction = request.Method == SipMethods.Invite
            ? new InviteServerTransaction(key, request, flow, options, time)
            : new NonInviteServerTransaction(key, request, flow, options, time);
        if (!_servers.TryAdd(key, transaction))
        {
            // The same request arrived twice at once: the other copy made the transaction.
            transaction.Discard();
            return;
        }
        var mergeKey = TransactionKeys.Merge(request);
        var merged = mergeKey is not null && !_merges.TryAdd(mergeKey, key);
        transaction.OnTerminated(t =>
        {
            _servers.TryRemove(new KeyValuePair<string, ServerTransaction>(t.Key, (ServerTransaction)t));
            if (mergeKey is not null && !merged)
            {
                _merges.TryRemove(new KeyValuePair<string, string>(mergeKey, t.Key));
            }
        });
        if (merged)
        {
            SipTransactionLog.Merged(_logger, request.Method, flow.RemoteEndPoint);
            transaction.Respond(SipStatus.LoopDetected);
        }
        else if (request.Method == SipMethods.Cancel)
        {
            OnCancel(transaction);
        }
        else
        {
            user.OnRequest(transaction);
        }
    }

    /// <summary>§9.2: a CANCEL matches the INVITE server transaction it would share a key with, were it an INVITE.</summary>
    private void OnCancel(ServerTransaction cancel)
    {
        if (TransactionKeys.Server(cancel.Request, SipMethods.Invite) is { } inviteKey && _servers.TryGetValue(inviteKey, out var invite))
        {
            cancel.Respond(SipResponses.Create(cancel.Request, SipStatus.Ok, toTag: invite.ToTag));
            user.OnCancel(invite);
        }
        else
        {
            cancel.Respond(SipStatus.CallOrTransactionDoesNotExist);
            user.OnUnmatchedCancel(cancel.Request);
        }
    }
}
