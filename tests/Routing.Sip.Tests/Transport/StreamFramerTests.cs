using System.Text;
using Routing.Sip.Transport;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>Where a message ends in a TCP/TLS stream (RFC 3261 §18.3).</summary>
public sealed class StreamFramerTests
{
    private static FrameStatus Frame(string text, out int skip, out int length) =>
        StreamFramer.TryFrame(Encoding.ASCII.GetBytes(text), 1024, out skip, out length, out _);

    [Theory]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nContent-Length: 2\r\n\r\nhiNEXT", 46)]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nl:2\r\n\r\nhi", 32)]
    [InlineData("OPTIONS sip:a SIP/2.0\r\ncontent-LENGTH :  2 \r\nContent-Length: 2\r\n\r\nhi", 68)]
    public void CompleteMessage_EndsAfterContentLengthBytes(string text, int expected)
    {
        Assert.Equal(FrameStatus.Complete, Frame(text, out var skip, out var length));
        Assert.Equal((0, expected), (skip, length));
    }

    [Fact]
    public void LeadingCrLfs_AreSkipped()
    {
        Assert.Equal(FrameStatus.Complete, Frame("\r\n\r\nOPTIONS sip:a SIP/2.0\r\nl: 0\r\n\r\n", out var skip, out _));
        Assert.Equal(4, skip);
        Assert.Equal(FrameStatus.Incomplete, Frame("\r\n\r\n\r", out skip, out _));
        Assert.Equal(4, skip);
    }

    [Theory]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nl: 0")]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nl: 5\r\n\r\nabc")]
    public void PartialMessage_IsIncomplete(string text) => Assert.Equal(FrameStatus.Incomplete, Frame(text, out _, out _));

    [Theory]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n")]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nl: -1\r\n\r\n")]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nl: 1\r\nContent-Length: 2\r\n\r\nab")]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nl: 99999999999\r\n\r\n")]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nl: 2000\r\n\r\n")]
    public void UnknowableOrOversizedLength_IsInvalid(string text) => Assert.Equal(FrameStatus.Invalid, Frame(text, out _, out _));

    [Fact]
    public void HeadersWithoutEndPastTheLimit_AreInvalid()
    {
        Assert.Equal(FrameStatus.Invalid, Frame("OPTIONS sip:a SIP/2.0\r\n" + new string('x', 1100), out _, out _));
    }
}
