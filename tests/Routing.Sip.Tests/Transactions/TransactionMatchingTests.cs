using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Xunit;

namespace Routing.Sip.Tests.Transactions;

/// <summary>§17.2.3 matching with and without the magic cookie, CANCEL (§9.2) and merged requests (§8.2.2.2).</summary>
public sealed class TransactionMatchingTests
{
    private static byte[] Rfc2543Invite() => SipText.Bytes(
        "INVITE sip:queue@gateway.example.com SIP/2.0",
        "Via: SIP/2.0/UDP old.example.com:5060",
        "From: <sip:old@example.com>;tag=2543",
        "To: <sip:queue@gateway.example.com>",
        "Call-ID: rfc2543@old.example.com",
        "CSeq: 1 INVITE",
        "Content-Length: 0",
        "",
        "");

    [Fact]
    public void Rfc2543Invite_RetransmissionAckAndCancel_AreMatchedWithoutABranch()
    {
        var harness = new TransactionHarness();
        var flow = new RecordingFlow();
        harness.Receive(Rfc2543Invite(), flow);
        var invite = Assert.Single(harness.Requests);

        harness.Receive(Rfc2543Invite(), flow);
        harness.Receive(TransactionHarness.CancelFor(Rfc2543Invite()), flow);
        invite.Respond(487);
        harness.Receive(TransactionHarness.AckFor(Rfc2543Invite(), flow.Responses.Last()), flow);

        Assert.Single(harness.Requests);
        Assert.Equal([invite], harness.Cancelled);
        Assert.Equal(TransactionState.Confirmed, invite.State);
        Assert.Empty(harness.StrayAcks);
    }

    [Fact]
    public void SameBranchFromAnotherSentBy_IsAnotherTransaction()
    {
        var harness = new TransactionHarness();
        var flow = new RecordingFlow();
        harness.Receive(SipText.Options(), flow);

        harness.Receive(SipText.Options(sentBy: "other.example.com:5070", callId: "other@other.example.com"), flow);

        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public void Cancel_OfAPendingInvite_Gets200_AndTheInviteGets487()
    {
        var harness = new TransactionHarness();
        var core = new SipCore(new SipCoreOptions(), [new PendingInvites()]);
        var layer = new SipTransactionLayer(TransactionHarness.Options, harness.Clock, core);
        var flow = new RecordingFlow();

        layer.OnMessage(Parse(SipText.Invite()), flow);
        layer.OnMessage(Parse(TransactionHarness.CancelFor(SipText.Invite())), flow);

        var responses = flow.Responses.Select(r => (r.StatusCode, r.CSeq!.Method)).ToList();
        Assert.Equal([(200, SipMethods.Cancel), (487, SipMethods.Invite)], responses);
        Assert.Equal(flow.Responses[0].To!.Tag, flow.Responses[1].To!.Tag);
    }

    [Fact]
    public void Cancel_MatchingNothing_Gets481()
    {
        var harness = new TransactionHarness();
        var flow = new RecordingFlow();

        harness.Receive(TransactionHarness.CancelFor(SipText.Invite()), flow);

        Assert.Equal(481, Assert.Single(flow.Responses).StatusCode);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public void Cancel_AfterTheFinalResponse_Gets200_AndChangesNothing()
    {
        var harness = new TransactionHarness(new SipCore(new SipCoreOptions(), [new PendingInvites()]));
        var flow = new RecordingFlow();
        harness.Receive(SipText.Invite(), flow);

        harness.Receive(TransactionHarness.CancelFor(SipText.Invite()), flow);
        harness.Receive(TransactionHarness.CancelFor(SipText.Invite()), flow);

        Assert.Equal([200, 487, 200], flow.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void MergedRequest_ForkedAlongAnotherPath_Gets482()
    {
        var harness = new TransactionHarness();
        var flow = new RecordingFlow();
        harness.Receive(SipText.Invite(branch: "z9hG4bK-path-1"), flow);

        harness.Receive(SipText.Invite(branch: "z9hG4bK-path-2"), flow);

        Assert.Single(harness.Requests);
        Assert.Equal(482, Assert.Single(flow.Responses).StatusCode);
    }

    [Fact]
    public void StrayAck_ReachesTheTransactionUser_AndNothingIsSent()
    {
        var harness = new TransactionHarness();
        var flow = new RecordingFlow();
        var response = SipResponses.Create(Parse(SipText.Invite()) as SipRequest ?? throw new InvalidOperationException(), 200, toTag: "t");

        harness.Receive(TransactionHarness.AckFor(SipText.Invite(), response), flow);

        Assert.Single(harness.StrayAcks);
        Assert.Empty(flow.Sent);
    }

    [Fact]
    public void ResponseMatchingNoClientTransaction_3_3_10_IsDroppedAndNothingIsSent()
    {
        var harness = new TransactionHarness();
        var flow = new RecordingFlow();

        harness.Receive(Rfc4475.TortureMessages.Load("bcast"), flow);

        Assert.Empty(flow.Sent);
        Assert.Equal(0, harness.Layer.ClientTransactionCount);
    }

    private static SipMessage Parse(byte[] bytes) => new SipParser().Parse(bytes, SipFraming.Datagram).Message!;

    /// <summary>An INVITE handler that leaves every INVITE waiting (as a queued call does).</summary>
    private sealed class PendingInvites : ISipRequestHandler
    {
        public string Method => SipMethods.Invite;

        public void OnRequest(ServerTransaction transaction)
        {
        }
    }
}
