using System.Diagnostics;
using Routing.Sip.Parsing;
using Routing.Sip.Tests.Rfc4475;
using Xunit;

namespace Routing.Sip.Tests.Parsing;

/// <summary>Random mutations of valid messages (RFC 4475's and our own): the parser never throws and each parse stays
/// fast, whatever the bytes. The seed is fixed so a failure can be replayed.</summary>
public sealed class SipParserFuzzTests
{
    private const int Mutations = 20_000;

    private static readonly byte[] Interesting = "\r\n \t:;,<>\"\\%@=/?[]0123456789zZ\0\u00ff"u8.ToArray();

    [Theory]
    [InlineData(SipFraming.Datagram)]
    [InlineData(SipFraming.Stream)]
    public void MutatedMessages_NeverThrowOrHang(SipFraming framing)
    {
        var seeds = new[] { SipText.Invite(), SipText.Options(), TortureMessages.Load("wsinv"), TortureMessages.Load("intmeth"), TortureMessages.Load("esc01"), TortureMessages.Load("mpart01") };
        var parser = new SipParser();
        var random = new Random(4475);
        var slowest = TimeSpan.Zero;
        var accepted = 0;

        for (var i = 0; i < Mutations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], random);
            var started = Stopwatch.GetTimestamp();
            var result = parser.Parse(input, framing);
            var elapsed = Stopwatch.GetElapsedTime(started);
            slowest = elapsed > slowest ? elapsed : slowest;
            accepted += result.IsSuccess ? 1 : 0;
            if (result.IsSuccess)
            {
                // Whatever was accepted can be written out and read back.
                Assert.True(parser.Parse(Routing.Sip.Messages.SipSerializer.Serialize(result.Message), SipFraming.Stream).IsSuccess);
            }
        }

        Assert.True(slowest < TimeSpan.FromMilliseconds(500), $"slowest parse took {slowest.TotalMilliseconds} ms");
        Assert.InRange(accepted, 1, Mutations - 1);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 64), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 32), bytes.Count - at));
                    break;
            }
        }
        return [.. bytes];
    }
}
