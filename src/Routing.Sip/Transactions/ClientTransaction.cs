using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>A client transaction (RFC 3261 §17.1): it sends the request, retransmits it over UDP, and hands the TU
/// each provisional response and exactly one final response — a 408 made here when the far end never answers
/// (§8.1.3.1). Retransmitted responses are absorbed.</summary>
public abstract class ClientTransaction : SipTransaction
{
    private protected readonly byte[] _requestBytes;
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected ClientTransaction(string key, SipRequest request, ISipFlow flow, SipTransactionOptions options)
        : base(key, request, flow, options)
    {
        _requestBytes = SipSerializer.Serialize(request);
    }

    /// <summary>The final response: the far end's, or a 408 made here when Timer B or F fired.</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    /// <summary>Each provisional response, as it arrives (1xx retransmissions included, as the TU must see them).</summary>
    public event Action<SipResponse>? ProvisionalReceived;

    /// <summary>Timer A or E: retransmits the request over UDP.</summary>
    private protected abstract TransactionTimer RetransmitTimer { get; }

    /// <summary>Timer B or F: gives up after 64·T1.</summary>
    private protected abstract TransactionTimer TimeoutTimer { get; }

    /// <summary>Sends the request and starts the retransmission (UDP only) and timeout timers.</summary>
    internal void Start()
    {
        lock (_gate)
        {
            SendRequest();
            if (!Flow.IsReliable)
            {
                RetransmitTimer.Start(_options.T1);
            }
            TimeoutTimer.Start(_options.TimeoutInterval);
        }
    }

    internal abstract void OnResponse(SipResponse response);

    private protected void SendRequest() => Flow.Send(_requestBytes);

    private protected void Provisional(SipResponse response) => ProvisionalReceived?.Invoke(response);

    private protected void Final(SipResponse response) => _final.TrySetResult(response);

    private protected SipResponse Timeout() => SipResponses.Create(Request, 408);
}
