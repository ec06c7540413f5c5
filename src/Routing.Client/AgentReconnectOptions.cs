namespace Routing.Client;

/// <summary>How an agent session reconnects after its stream drops.</summary>
public sealed class AgentReconnectOptions
{
    /// <summary>Wait before the first reconnect attempt; doubles (with jitter) up to <see cref="MaxDelay"/>. Default 100 ms.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between attempts. Default 2 s, well inside the server's grace period.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one connect attempt (open the stream, hello, session started) may take before it is
    /// given up and tried again; guards against a half-open connection that swallows the hello. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a command waits for the session to be connected (and then for its answer). Default 15 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);

    internal IEnumerable<string> Problems()
    {
        if (FirstDelay <= TimeSpan.Zero || MaxDelay < FirstDelay)
        {
            yield return "agent reconnect delays must be positive, the first no longer than the longest";
        }
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            yield return "the agent connect timeout must be positive";
        }
        if (CommandTimeout <= TimeSpan.Zero)
        {
            yield return "the agent command timeout must be positive";
        }
    }
}
