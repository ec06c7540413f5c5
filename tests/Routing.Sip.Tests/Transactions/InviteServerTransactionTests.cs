using Routing.Sip.Messages;
using Routing.Sip.Transactions;
using Xunit;

namespace Routing.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.1 (with RFC 6026's Accepted state) on a fake clock (T1 500 ms, T2 4 s, T4 5 s).</summary>
public sealed class InviteServerTransactionTests
{
    private readonly TransactionHarness _harness = new();

    private ServerTransaction ReceiveInvite(RecordingFlow flow)
    {
        _harness.Receive(SipText.Invite(), flow);
        return Assert.Single(_harness.Requests);
    }

    [Fact]
    public void SilentTu_Gets100TryingAfter200Ms_WithoutToTag()
    {
        var flow = new RecordingFlow();
        ReceiveInvite(flow);

        _harness.Advance(199);
        Assert.Empty(flow.Sent);
        _harness.Advance(1);

        var trying = Assert.Single(flow.Responses);
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To!.Tag);
    }

    [Fact]
    public void TuAnsweringAtOnce_SendsNo100Trying()
    {
        var flow = new RecordingFlow();
        ReceiveInvite(flow).Respond(180);

        _harness.Advance(1000);

        Assert.Equal([180], flow.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void FailureResponse_OverUdp_IsRetransmittedOnTimerG_DoublingUpToT2_UntilTimerH()
    {
        var flow = new RecordingFlow();
        var transaction = ReceiveInvite(flow);
        transaction.Respond(486);
        var sentAt = new List<int>();
        var elapsed = 0;

        while (transaction.State != TransactionState.Terminated && elapsed < 40_000)
        {
            _harness.Advance(100);
            elapsed += 100;
            if (flow.Sent.Count > sentAt.Count + 1)
            {
                sentAt.Add(elapsed);
            }
        }

        // G: 0.5, 1, 2, 4, 4, 4... s apart; H: 64·T1 = 32 s after the response.
        Assert.Equal([500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], sentAt);
        Assert.Equal(32_000, elapsed);
        Assert.True(transaction.TimedOut);
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
    }

    [Fact]
    public void Ack_StopsTimerG_AndTimerIAbsorbsAckRetransmissions()
    {
        var flow = new RecordingFlow();
        var transaction = ReceiveInvite(flow);
        transaction.Respond(486);
        var ack = TransactionHarness.AckFor(SipText.Invite(), flow.Responses[0]);

        _harness.Receive(ack, flow);
        _harness.Advance(4999);
        _harness.Receive(ack, flow);

        Assert.Equal(TransactionState.Confirmed, transaction.State);
        Assert.Single(flow.Sent);
        Assert.Empty(_harness.StrayAcks);
        _harness.Advance(1);
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.False(transaction.TimedOut);
    }

    [Fact]
    public void OverTcp_NoRetransmissions_AndAckEndsTheTransactionAtOnce()
    {
        var flow = new RecordingFlow(reliable: true);
        var transaction = ReceiveInvite(flow);
        transaction.Respond(603);

        _harness.Advance(10_000);
        Assert.Single(flow.Sent);
        _harness.Receive(TransactionHarness.AckFor(SipText.Invite(), flow.Responses[0]), flow);

        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void OverTcp_TimerHStillEndsAnUnacknowledgedTransaction()
    {
        var flow = new RecordingFlow(reliable: true);
        var transaction = ReceiveInvite(flow);
        transaction.Respond(603);

        _harness.Advance(31_999);
        Assert.Equal(TransactionState.Completed, transaction.State);
        _harness.Advance(1);

        Assert.True(transaction.TimedOut);
    }

    [Fact]
    public void RetransmittedInvite_GetsTheLastProvisional_ThenTheFinal()
    {
        var flow = new RecordingFlow();
        var transaction = ReceiveInvite(flow);
        transaction.Respond(182);

        _harness.Receive(SipText.Invite(), flow);
        transaction.Respond(480);
        _harness.Receive(SipText.Invite(), flow);

        Assert.Equal([182, 182, 480, 480], flow.Responses.Select(r => r.StatusCode));
        Assert.Single(_harness.Requests);
    }

    [Fact]
    public void SuccessResponse_IsAccepted_RetransmittedInvitesAbsorbed_UntilTimerL()
    {
        var flow = new RecordingFlow();
        var transaction = ReceiveInvite(flow);

        Assert.True(transaction.Respond(200));
        Assert.False(transaction.Respond(486));
        _harness.Receive(SipText.Invite(), flow);
        Assert.True(transaction.Respond(200));

        // RFC 6026: the retransmitted INVITE reaches no one and gets nothing; the TU's 2xx retransmission passes.
        Assert.Equal(TransactionState.Accepted, transaction.State);
        Assert.Single(_harness.Requests);
        Assert.Equal([200, 200], flow.Responses.Select(r => r.StatusCode));
        _harness.Advance(31_999);
        Assert.Equal(TransactionState.Accepted, transaction.State);
        _harness.Advance(1);
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
    }

    [Fact]
    public void ResponsesOfOneTransaction_ShareOneToTag()
    {
        var flow = new RecordingFlow();
        var transaction = ReceiveInvite(flow);
        transaction.Respond(180);
        transaction.Respond(486);

        Assert.Equal(transaction.ToTag, flow.Responses[0].To!.Tag);
        Assert.Equal(transaction.ToTag, flow.Responses[1].To!.Tag);
    }
}
