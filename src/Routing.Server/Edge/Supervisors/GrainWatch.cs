using System.Threading.Channels;

namespace Routing.Server.Edge.Supervisors;

/// <summary>
/// The loop behind the supervisor watches (agents, queues): subscribe an observer on many grains, send
/// what they hold now, then forward what they push, renewing the subscriptions before their lease runs
/// out, until the caller goes away; then unsubscribe (the grains drop the observer after its lease anyway).
/// </summary>
internal static class GrainWatch
{
    public static async Task RunAsync<TItem>(
        Func<Task> subscribeAll,
        Func<Task<TItem[]>> current,
        ChannelReader<TItem> pushed,
        Func<TItem, Task> send,
        Func<Task> unsubscribeAll,
        string what,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        try
        {
            await subscribeAll();
            foreach (var item in await current())
            {
                await send(item);
            }
            while (!cancellationToken.IsCancellationRequested)
            {
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                renew.CancelAfter(Interactions.InteractionEdgeService.RenewEvery);
                try
                {
                    await send(await pushed.ReadAsync(renew.Token));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await subscribeAll();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The supervisor went away: the normal end of a watch.
        }
        finally
        {
            try
            {
                await unsubscribeAll();
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                EdgeLog.WatchEnded(logger, what, e.Message);
            }
        }
    }
}
