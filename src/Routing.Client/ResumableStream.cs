using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Core;
using Polly;

namespace Routing.Client;

/// <summary>
/// A server stream that is opened again when it breaks for a transient reason (see <see cref="Reconnection"/>),
/// read as one sequence. The server replays current state on every open, so the caller's filter drops what
/// it has already passed on.
/// </summary>
internal static class ResumableStream
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Func<CancellationToken, AsyncServerStreamingCall<T>> open,
        Func<T, bool> isNew,
        ResiliencePipeline pipeline,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(open, isNew, pipeline, items.Writer, stop.Token);
        try
        {
            await foreach (var item in items.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private static async Task PumpAsync<T>(
        Func<CancellationToken, AsyncServerStreamingCall<T>> open,
        Func<T, bool> isNew,
        ResiliencePipeline pipeline,
        ChannelWriter<T> writer,
        CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.ExecuteAsync(async ct =>
            {
                using var call = open(ct);
                await foreach (var item in call.ResponseStream.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    if (isNew(item))
                    {
                        await writer.WriteAsync(item, ct).ConfigureAwait(false);
                    }
                }
            }, cancellationToken).ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The reader stopped reading: nothing to report.
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
