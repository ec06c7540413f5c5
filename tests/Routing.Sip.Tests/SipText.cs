using System.Text;

namespace Routing.Sip.Tests;

/// <summary>Test messages written as lines, joined with CRLF as on the wire.</summary>
internal static class SipText
{
    public static byte[] Bytes(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

    public static byte[] Options(string branch = "z9hG4bK-options-1", string callId = "options-1@client.example.com", int cseq = 1, string sentBy = "client.example.com:5070") => Bytes(
        "OPTIONS sip:gateway@example.com SIP/2.0",
        $"Via: SIP/2.0/UDP {sentBy};branch={branch}",
        "Max-Forwards: 70",
        "From: <sip:probe@example.com>;tag=probe-1",
        "To: <sip:gateway@example.com>",
        $"Call-ID: {callId}",
        $"CSeq: {cseq} OPTIONS",
        "Accept: application/sdp",
        "Content-Length: 0",
        "",
        "");

    public static byte[] Invite(string branch = "z9hG4bK-invite-1", string callId = "invite-1@pbx.example.com") => Bytes(
        "INVITE sip:+4930123456@gateway.example.com SIP/2.0",
        $"Via: SIP/2.0/UDP pbx.example.com:5060;branch={branch};rport",
        "Max-Forwards: 70",
        "From: \"Customer\" <sip:+4917012345@pbx.example.com>;tag=caller-1",
        "To: <sip:+4930123456@gateway.example.com>",
        $"Call-ID: {callId}",
        "CSeq: 101 INVITE",
        "Contact: <sip:+4917012345@pbx.example.com:5060;transport=udp>",
        "Record-Route: <sip:sbc.example.com;lr>",
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS",
        "Supported: replaces, timer",
        "User-Agent: Test PBX",
        "Content-Type: application/sdp",
        "Content-Length: 133",
        "",
        "v=0",
        "o=pbx 1 1 IN IP4 192.0.2.10",
        "s=-",
        "c=IN IP4 192.0.2.10",
        "t=0 0",
        "m=audio 40000 RTP/AVP 0 8 101",
        "a=rtpmap:101 telephone-event/8000",
        "");
}
