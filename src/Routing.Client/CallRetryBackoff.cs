namespace Routing.Client;

/// <summary>The waits between retries of a call or a watch stream that found no server (UNAVAILABLE): short enough
/// to ride over a silo restart, capped so that a client does not hammer a recovering cluster.</summary>
internal static class CallRetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(2);
}
