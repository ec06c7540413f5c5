using Microsoft.Extensions.Time.Testing;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip.Tests.Transactions;

/// <summary>A transaction layer on a fake clock, with a transaction user that records what reached it and answers
/// only when a test tells it to.</summary>
internal sealed class TransactionHarness : ISipTransactionUser
{
    public TransactionHarness(ISipTransactionUser? user = null)
    {
        Layer = new SipTransactionLayer(Options, Clock, user ?? this);
    }

    public static SipTransactionOptions Options { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public SipTransactionLayer Layer { get; }

    public List<ServerTransaction> Requests { get; } = [];

    public List<ServerTransaction> Cancelled { get; } = [];

    public List<SipRequest> StrayAcks { get; } = [];

    public void OnRequest(ServerTransaction transaction) => Requests.Add(transaction);

    public void OnCancel(ServerTransaction invite) => Cancelled.Add(invite);

    public void OnStrayAck(SipRequest ack, ISipFlow flow) => StrayAcks.Add(ack);

    public void Receive(byte[] bytes, ISipFlow flow)
    {
        var parsed = new SipParser().Parse(bytes, SipFraming.Datagram);
        Xunit.Assert.True(parsed.IsSuccess, parsed.ToString());
        Layer.OnMessage(parsed.Message, flow);
    }

    public void Receive(SipMessage message, ISipFlow flow) => Layer.OnMessage(message, flow);

    public void Advance(int milliseconds) => Clock.Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>The ACK a UAC sends for a non-2xx final response to <paramref name="invite"/> (§17.1.1.3).</summary>
    public static byte[] AckFor(byte[] invite, SipResponse response) =>
        Derived(invite, SipMethods.Ack, response.Headers.Get(HeaderNames.To)!);

    /// <summary>The CANCEL a UAC sends for <paramref name="invite"/> (§9.1).</summary>
    public static byte[] CancelFor(byte[] invite) => Derived(invite, SipMethods.Cancel, to: null);

    /// <summary>A request on the INVITE's transaction: same Request-URI, top Via, From, Call-ID and CSeq number; the
    /// To given, or the INVITE's.</summary>
    private static byte[] Derived(byte[] invite, string method, string? to)
    {
        var request = (SipRequest)new SipParser().Parse(invite, SipFraming.Datagram).Message!;
        var derived = new SipRequest(method, request.RequestUri);
        derived.Headers.Add(HeaderNames.Via, request.Headers.Values(HeaderNames.Via)[0]);
        derived.Headers.Add(HeaderNames.From, request.Headers.Get(HeaderNames.From)!);
        derived.Headers.Add(HeaderNames.To, to ?? request.Headers.Get(HeaderNames.To)!);
        derived.Headers.Add(HeaderNames.CallId, request.CallId!);
        derived.Headers.Add(HeaderNames.CSeq, $"{request.CSeq!.Number} {method}");
        derived.Headers.Add(HeaderNames.MaxForwards, "70");
        return SipSerializer.Serialize(derived);
    }
}
