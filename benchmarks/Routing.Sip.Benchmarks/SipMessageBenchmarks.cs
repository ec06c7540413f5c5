using System.Text;
using BenchmarkDotNet.Attributes;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;

namespace Routing.Sip.Benchmarks;

/// <summary>Parse and serialize a typical INVITE from a PBX (SDP body, Record-Route, Allow, Supported) and an SBC's
/// OPTIONS keep-alive, and build the 200 an OPTIONS gets: the per-message cost of the SIP layer before any routing.</summary>
[MemoryDiagnoser]
public class SipMessageBenchmarks
{
    private readonly SipParser _parser = new();
    private byte[] _invite = [];
    private byte[] _options = [];
    private SipMessage _parsedInvite = null!;
    private SipRequest _parsedOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        const string sdp = "v=0\r\no=pbx 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
        _invite = Encoding.UTF8.GetBytes(
            "INVITE sip:+4930123456@gateway.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP sbc.example.com:5060;branch=z9hG4bK-524287-1---f3b2a1;rport\r\n" +
            "Via: SIP/2.0/UDP pbx.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.10\r\n" +
            "Record-Route: <sip:sbc.example.com;lr>\r\n" +
            "Max-Forwards: 69\r\n" +
            "From: \"Customer\" <sip:+4917012345@pbx.example.com>;tag=1928301774\r\n" +
            "To: <sip:+4930123456@gateway.example.com>\r\n" +
            "Call-ID: a84b4c76e66710@pbx.example.com\r\n" +
            "CSeq: 314159 INVITE\r\n" +
            "Contact: <sip:+4917012345@192.0.2.10:5060;transport=udp>\r\n" +
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY\r\n" +
            "Supported: replaces, timer\r\n" +
            "User-Agent: PBX/1.0\r\n" +
            "Content-Type: application/sdp\r\n" +
            $"Content-Length: {sdp.Length}\r\n\r\n" + sdp);
        _options = Encoding.UTF8.GetBytes(
            "OPTIONS sip:gateway.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP sbc.example.com:5060;branch=z9hG4bK-keepalive-42;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:ping@sbc.example.com>;tag=ka42\r\n" +
            "To: <sip:gateway.example.com>\r\n" +
            "Call-ID: keepalive-42@sbc.example.com\r\n" +
            "CSeq: 42 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n");
        _parsedInvite = _parser.Parse(_invite, SipFraming.Datagram).Message!;
        _parsedOptions = (SipRequest)_parser.Parse(_options, SipFraming.Datagram).Message!;
    }

    [Benchmark]
    public SipMessage? ParseInvite() => _parser.Parse(_invite, SipFraming.Datagram).Message;

    [Benchmark]
    public SipMessage? ParseOptions() => _parser.Parse(_options, SipFraming.Datagram).Message;

    [Benchmark]
    public byte[] SerializeInvite() => SipSerializer.Serialize(_parsedInvite);

    [Benchmark]
    public byte[] AnswerOptions() => SipSerializer.Serialize(SipResponses.Create(_parsedOptions, 200, toTag: "gw1"));

    /// <summary>What the gateway does for each keep-alive: parse, read the typed headers, build and write the 200.</summary>
    [Benchmark]
    public byte[] OptionsRoundTrip()
    {
        var request = (SipRequest)_parser.Parse(_options, SipFraming.Datagram).Message!;
        _ = request.TopVia;
        _ = request.CSeq;
        return SipSerializer.Serialize(SipResponses.Create(request, 200, toTag: "gw1"));
    }
}
