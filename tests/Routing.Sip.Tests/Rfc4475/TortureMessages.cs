using Xunit;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;

namespace Routing.Sip.Tests.Rfc4475;

/// <summary>RFC 4475's messages, each in a file byte for byte as the RFC's own archive (its appendix) holds them.</summary>
internal static class TortureMessages
{
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Rfc4475", name + ".dat"));

    public static SipParseResult Parse(string name, SipFraming framing = SipFraming.Datagram) =>
        new SipParser().Parse(Load(name), framing);

    public static SipRequest Request(string name)
    {
        var result = Parse(name);
        Assert.True(result.IsSuccess, $"{name}: {result}");
        return Assert.IsType<SipRequest>(result.Message);
    }

    public static SipResponse Response(string name)
    {
        var result = Parse(name);
        Assert.True(result.IsSuccess, $"{name}: {result}");
        return Assert.IsType<SipResponse>(result.Message);
    }
}
