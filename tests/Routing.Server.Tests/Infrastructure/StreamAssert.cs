using Grpc.Core;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>Awaits stream messages with a timeout that fails the test (no sleeps).</summary>
public static class StreamAssert
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The next message; fails when the stream ends or nothing comes in time.</summary>
    public static async Task<T> Next<T>(IAsyncStreamReader<T> stream, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            Assert.True(await stream.MoveNext(cts.Token), "the stream ended before the expected message");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cts.IsCancellationRequested)
        {
            Assert.Fail($"no message within {timeout ?? DefaultTimeout}");
        }
        return stream.Current;
    }

    /// <summary>Reads until <paramref name="match"/> holds; fails on timeout or end of stream.</summary>
    public static async Task<T> Until<T>(IAsyncStreamReader<T> stream, Func<T, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "the expected message did not come in time");
            var next = await Next(stream, left);
            if (match(next))
            {
                return next;
            }
        }
    }

    /// <summary>Asserts the stream ends (completes) in time.</summary>
    public static async Task Ends<T>(IAsyncStreamReader<T> stream, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        Assert.False(await stream.MoveNext(cts.Token), "the stream sent another message instead of ending");
    }
}
