using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Xunit;

namespace Routing.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1.1 and §17.1.2 on a fake clock: retransmissions, timeouts, the ACK for a failure.</summary>
public sealed class ClientTransactionTests
{
    private readonly TransactionHarness _harness = new();

    private static SipRequest Outgoing(byte[] bytes) => (SipRequest)new SipParser().Parse(bytes, SipFraming.Datagram).Message!;

    private static SipResponse Answer(SipRequest request, int status, string toTag = "uas-1") => SipResponses.Create(request, status, toTag: toTag);

    /// <summary>The elapsed times (ms) at which the request went out again, stepping 100 ms until the transaction ends.</summary>
    private List<int> RetransmissionTimes(ClientTransaction transaction, RecordingFlow flow, int limit)
    {
        var times = new List<int>();
        for (var elapsed = 100; elapsed <= limit && transaction.State != TransactionState.Terminated; elapsed += 100)
        {
            _harness.Advance(100);
            if (flow.Sent.Count > times.Count + 1)
            {
                times.Add(elapsed);
            }
        }
        return times;
    }

    [Fact]
    public async Task Invite_OverUdp_TimerADoubles_AndTimerBGives408()
    {
        var flow = new RecordingFlow();
        var transaction = _harness.Layer.SendRequest(Outgoing(SipText.Invite()), flow);

        var times = RetransmissionTimes(transaction, flow, 40_000);

        // A: 0.5, 1, 2, 4, 8, 16 s apart (no T2 cap for INVITE); B at 32 s.
        Assert.Equal([500, 1500, 3500, 7500, 15500, 31500], times);
        Assert.Equal(408, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(0, _harness.Layer.ClientTransactionCount);
    }

    [Fact]
    public async Task Invite_Ringing_OutlivesTimerB_UntilItsTuAbandonsIt()
    {
        var flow = new RecordingFlow();
        var invite = Outgoing(SipText.Invite());
        var transaction = Assert.IsType<InviteClientTransaction>(_harness.Layer.SendRequest(invite, flow));

        _harness.Receive(Answer(invite, 180), flow);
        _harness.Advance(120_000);
        var stillRinging = !transaction.FinalResponse.IsCompleted;
        transaction.Abandon();

        Assert.True(stillRinging, "Timer B ended a transaction that had a provisional response");
        Assert.Equal(408, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(0, _harness.Layer.ClientTransactionCount);
    }

    [Fact]
    public async Task Invite_Failure_IsAcknowledgedByTheTransaction_AndItsRetransmissionsToo()
    {
        var flow = new RecordingFlow();
        var invite = Outgoing(SipText.Invite());
        var transaction = _harness.Layer.SendRequest(invite, flow);
        var provisional = new List<int>();
        transaction.ProvisionalReceived += r => provisional.Add(r.StatusCode);

        _harness.Receive(Answer(invite, 180), flow);
        _harness.Advance(5000);
        _harness.Receive(Answer(invite, 486), flow);
        _harness.Receive(Answer(invite, 486), flow);

        Assert.Equal([180], provisional);
        Assert.Equal(486, (await transaction.FinalResponse).StatusCode);
        var acks = flow.Sent.OfType<SipRequest>().Where(r => r.Method == SipMethods.Ack).ToList();
        Assert.Equal(2, acks.Count);
        var ack = acks[0];
        Assert.Equal(invite.RequestUri.ToString(), ack.RequestUri.ToString());
        Assert.Equal(invite.TopVia!.Branch, Assert.Single(ack.Vias).Branch);
        Assert.Equal("uas-1", ack.To!.Tag);
        Assert.Equal(invite.From!.Tag, ack.From!.Tag);
        Assert.Equal(new CSeqHeader(101, SipMethods.Ack), ack.CSeq);
        Assert.Single(flow.Sent, m => m is SipRequest { Method: SipMethods.Invite });
        _harness.Advance(31_999);
        Assert.Equal(TransactionState.Completed, transaction.State);
        _harness.Advance(1);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task Invite_Success_EndsTheTransactionWithoutAck()
    {
        var flow = new RecordingFlow();
        var invite = Outgoing(SipText.Invite());
        var transaction = _harness.Layer.SendRequest(invite, flow);

        _harness.Receive(Answer(invite, 200), flow);

        Assert.Equal(200, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.DoesNotContain(flow.Sent, m => m is SipRequest { Method: SipMethods.Ack });
    }

    [Fact]
    public async Task NonInvite_OverUdp_TimerEDoublesUpToT2_AndTimerFGives408()
    {
        var flow = new RecordingFlow();
        var transaction = _harness.Layer.SendRequest(Outgoing(SipText.Options()), flow);

        var times = RetransmissionTimes(transaction, flow, 40_000);

        Assert.Equal([500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], times);
        Assert.Equal(408, (await transaction.FinalResponse).StatusCode);
    }

    [Fact]
    public void NonInvite_AfterAProvisional_TimerERunsAtT2()
    {
        var flow = new RecordingFlow();
        var options = Outgoing(SipText.Options());
        var transaction = _harness.Layer.SendRequest(options, flow);
        _harness.Receive(Answer(options, 100), flow);

        var times = RetransmissionTimes(transaction, flow, 9000);

        Assert.Equal([500, 4500, 8500], times);
    }

    [Fact]
    public async Task NonInvite_Final_TimerKAbsorbsRetransmissionsForT4()
    {
        var flow = new RecordingFlow();
        var options = Outgoing(SipText.Options());
        var transaction = _harness.Layer.SendRequest(options, flow);

        _harness.Receive(Answer(options, 200), flow);
        _harness.Receive(Answer(options, 200), flow);

        Assert.Equal(200, (await transaction.FinalResponse).StatusCode);
        _harness.Advance(4999);
        Assert.Equal(TransactionState.Completed, transaction.State);
        Assert.Single(flow.Sent);
        _harness.Advance(1);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task OverTcp_NoRetransmissions_AndTimerKIsZero()
    {
        var flow = new RecordingFlow(reliable: true);
        var options = Outgoing(SipText.Options());
        var transaction = _harness.Layer.SendRequest(options, flow);

        _harness.Advance(20_000);
        Assert.Single(flow.Sent);
        _harness.Receive(Answer(options, 200), flow);

        Assert.Equal(200, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void ResponseForAnotherBranch_IsNotTaken()
    {
        var flow = new RecordingFlow();
        var options = Outgoing(SipText.Options());
        var transaction = _harness.Layer.SendRequest(options, flow);

        _harness.Receive(Answer(Outgoing(SipText.Options(branch: "z9hG4bK-other")), 200), flow);

        Assert.False(transaction.FinalResponse.IsCompleted);
    }
}
