using Routing.Sip.Transactions;
using Xunit;

namespace Routing.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.2 on a fake clock.</summary>
public sealed class NonInviteServerTransactionTests
{
    private readonly TransactionHarness _harness = new();

    [Fact]
    public void RetransmissionWhileTrying_IsAbsorbed_AndAfterTheFinalGetsItAgain()
    {
        var flow = new RecordingFlow();
        _harness.Receive(SipText.Options(), flow);
        var transaction = Assert.Single(_harness.Requests);

        _harness.Receive(SipText.Options(), flow);
        Assert.Empty(flow.Sent);
        transaction.Respond(200);
        _harness.Receive(SipText.Options(), flow);

        Assert.Equal([200, 200], flow.Responses.Select(r => r.StatusCode));
        Assert.Single(_harness.Requests);
    }

    [Fact]
    public void ProvisionalResponse_IsResentForRetransmissions()
    {
        var flow = new RecordingFlow();
        _harness.Receive(SipText.Options(), flow);
        Assert.Single(_harness.Requests).Respond(100);

        _harness.Receive(SipText.Options(), flow);

        Assert.Equal([100, 100], flow.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void OverUdp_TimerJKeepsTheFinalFor64T1()
    {
        var flow = new RecordingFlow();
        _harness.Receive(SipText.Options(), flow);
        var transaction = Assert.Single(_harness.Requests);
        transaction.Respond(200);

        _harness.Advance(31_999);
        Assert.Equal(TransactionState.Completed, transaction.State);
        _harness.Advance(1);

        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
        Assert.Single(flow.Sent);
    }

    [Fact]
    public void OverTcp_TimerJIsZero()
    {
        var flow = new RecordingFlow(reliable: true);
        _harness.Receive(SipText.Options(), flow);
        var transaction = Assert.Single(_harness.Requests);

        transaction.Respond(200);

        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
    }

    [Fact]
    public void RequestTheTuNeverAnswers_LeavesTheTableAfter64T1()
    {
        var flow = new RecordingFlow();
        _harness.Receive(SipText.Options(), flow);
        var transaction = Assert.Single(_harness.Requests);

        _harness.Advance(31_999);
        Assert.Equal(TransactionState.Trying, transaction.State);
        _harness.Advance(1);

        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
        Assert.False(transaction.Respond(200));
    }
}
