namespace Routing.Client;

/// <summary>Where the Routing edge is and how to authenticate to it.</summary>
public sealed class RoutingClientOptions
{
    /// <summary>
    /// The edge of one or more servers (silos) of the same cluster, e.g. <c>http://127.0.0.1:5080</c>.
    /// With several, calls are spread over those that answer and move off one that stops answering.
    /// All must use the same scheme.
    /// </summary>
    public IList<Uri> Addresses { get; } = [];

    /// <summary>Returns the bearer token for the next call (called before every call, so it can renew). Null
    /// only for a client whose calls carry their own token (agent sessions opened with a token each, e.g. a
    /// load generator running thousands of agents over one connection).</summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>Sets a fixed bearer token.</summary>
    public string? Token
    {
        set => TokenProvider = value is null ? null : _ => ValueTask.FromResult(value);
    }

    /// <summary>Talk gRPC-Web (HTTP/1.1) instead of gRPC over HTTP/2, e.g. through a proxy that only
    /// passes HTTP/1.1. Only with a single address.</summary>
    public bool UseGrpcWeb { get; set; }

    /// <summary>Deadline of each unary call, retries included. Default 15 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many times a call that failed with UNAVAILABLE (server unreachable, restarting) is
    /// tried in all, 1–5. Every unary call of the contract is safe to repeat. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>How agent sessions reconnect after their stream drops.</summary>
    public AgentReconnectOptions AgentReconnect { get; } = new();

    /// <summary>The HTTP handler under the channel; null for the default. Tests use it to cut connections.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Loggers for the client; null for none.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Options of one unary call: the call timeout as its deadline (retries included).</summary>
    internal Grpc.Core.CallOptions UnaryCall(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);

    /// <summary>Every problem with these options; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Addresses.Count == 0)
        {
            problems.Add("at least one address is required");
        }
        foreach (var address in Addresses)
        {
            if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"address '{address}' must be an absolute http:// or https:// URI");
            }
        }
        if (Addresses.Select(a => a.Scheme).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            problems.Add("all addresses must use the same scheme");
        }
        if (UseGrpcWeb && Addresses.Count > 1)
        {
            problems.Add("gRPC-Web works with a single address");
        }
        if (CallTimeout <= TimeSpan.Zero)
        {
            problems.Add("the call timeout must be positive");
        }
        if (MaxAttempts is < 1 or > 5)
        {
            problems.Add("max attempts must be between 1 and 5");
        }
        problems.AddRange(AgentReconnect.Problems());
        return problems;
    }
}
