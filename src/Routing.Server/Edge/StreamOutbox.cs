using System.Threading.Channels;
using Grpc.Core;

namespace Routing.Server.Edge;

/// <summary>Writes a session stream's queued messages in order, one writer at a time: what is already queued behind a
/// message goes out with it in one flush (one write to the socket for a burst, such as an offer and the state it
/// brings), and the last of them flushes.</summary>
internal static class StreamOutbox
{
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    /// <summary>Writes until <paramref name="outbox"/> completes (true) or the client goes away (false).</summary>
    public static async Task<bool> DrainAsync<T>(ChannelReader<T> outbox, IServerStreamWriter<T> stream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var next in outbox.ReadAllAsync(cancellationToken))
            {
                stream.WriteOptions = outbox.TryPeek(out _) ? BufferedWrite : null;
                await stream.WriteAsync(next, cancellationToken);
            }
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client went away: nothing more can be written.
            return false;
        }
    }
}
