using Microsoft.Extensions.Options;

namespace Routing.Sip.Transactions;

/// <summary>The timer values of RFC 3261 §17 (table 4) and the bound on concurrent transactions.</summary>
public sealed class SipTransactionOptions
{
    /// <summary>Round-trip time estimate: the first retransmission interval (default 500 ms).</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest retransmission interval for non-INVITE requests and INVITE responses (default 4 s).</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a message may stay in the network (default 5 s).</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most server and client transactions alive at once; a new request beyond it gets 503.</summary>
    public int MaxTransactions { get; set; } = 100_000;

    /// <summary>Timer B, F and H: 64·T1, how long a transaction waits before it gives up.</summary>
    internal TimeSpan TimeoutInterval => T1 * 64;

    /// <summary>Timer D on an unreliable transport: at least 32 s, to absorb the final response's retransmissions.</summary>
    internal TimeSpan TimerD => TimeoutInterval > TimeSpan.FromSeconds(32) ? TimeoutInterval : TimeSpan.FromSeconds(32);
}

/// <summary>Checks <see cref="SipTransactionOptions"/> at start-up and reports every problem at once.</summary>
public sealed class SipTransactionOptionsValidator : IValidateOptions<SipTransactionOptions>
{
    public ValidateOptionsResult Validate(string? name, SipTransactionOptions options)
    {
        var problems = new List<string>();
        if (options.T1 < TimeSpan.FromMilliseconds(10) || options.T1 > TimeSpan.FromSeconds(10))
        {
            problems.Add($"Sip:Transactions:T1 must be 10 ms to 10 s (is {options.T1})");
        }
        if (options.T2 < options.T1 || options.T2 > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Sip:Transactions:T2 must be at least T1 and at most 1 minute (is {options.T2})");
        }
        if (options.T4 < TimeSpan.Zero || options.T4 > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Sip:Transactions:T4 must be 0 to 1 minute (is {options.T4})");
        }
        if (options.MaxTransactions is < 1 or > 10_000_000)
        {
            problems.Add($"Sip:Transactions:MaxTransactions must be 1 to 10,000,000 (is {options.MaxTransactions})");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
