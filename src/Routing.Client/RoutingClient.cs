using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Client.Agents;
using Routing.Client.Gateways;

namespace Routing.Client;

/// <summary>
/// The Routing edge from .NET: one channel (over one or several servers of a cluster) shared by every
/// call, typed wrappers for gateways, supervisors and administrators, and agent sessions. Thread-safe;
/// create one per process and dispose it at the end.
/// </summary>
public sealed class RoutingClient : IDisposable
{
    private readonly GrpcChannel _channel;

    /// <summary>Connects lazily: nothing is sent until the first call.</summary>
    /// <exception cref="ArgumentException">The options are not usable (every problem listed).</exception>
    public RoutingClient(RoutingClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Routing client options: " + string.Join("; ", problems), nameof(options));
        }
        Options = options;
        _channel = RoutingChannel.Create(options);
        Interactions = new InteractionsClient(_channel, options);
        Supervisor = new SupervisorClient(_channel, options);
        Admin = new AdminClient(_channel, options);
        Reports = new ReportsClient(_channel, options);
        Events = new EventsClient(_channel, options);
        Webhooks = new WebhooksClient(_channel, options);
        Registration = new RegistrationClient(_channel, options);
    }

    /// <summary>The options this client was made with.</summary>
    public RoutingClientOptions Options { get; }

    /// <summary>For gateways and connectors: create, follow and hang up interactions.</summary>
    public InteractionsClient Interactions { get; }

    /// <summary>For supervisors and wallboards: agent states, forcing a state.</summary>
    public SupervisorClient Supervisor { get; }

    /// <summary>For administrators: the tenant's configuration.</summary>
    public AdminClient Admin { get; }

    /// <summary>For supervisors and analysts: reports and searches over the stored history.</summary>
    public ReportsClient Reports { get; }

    /// <summary>For CRMs and other systems: the tenant's event feed, resumable from a position.</summary>
    public EventsClient Events { get; }

    /// <summary>For SIP gateways: where agents' phones are registered.</summary>
    public RegistrationClient Registration { get; }

    /// <summary>For administrators: webhook subscriptions that POST the event feed as signed CloudEvents.</summary>
    public WebhooksClient Webhooks { get; }

    /// <summary>Opens an agent session (the token must be that agent's) and waits until it is connected.
    /// The session reconnects and resumes by itself until disposed.</summary>
    /// <param name="agentId">The agent; empty for the one the token names.</param>
    /// <param name="resumeSessionId">A session id from an earlier run of the app, to resume it; null for a new session.</param>
    /// <param name="cancellationToken">Stops waiting for the session to start.</param>
    /// <param name="token">The agent's own token for this session, for a client made without one (see
    /// <see cref="RoutingClientOptions.TokenProvider"/>); null to use the client's.</param>
    public async Task<AgentSession> OpenAgentSessionAsync(string agentId = "", string? resumeSessionId = null, CancellationToken cancellationToken = default, string? token = null)
    {
        if (token is not null && Options.TokenProvider is not null)
        {
            throw new ArgumentException("this client already sends its own token; give a session token only to a client made without one", nameof(token));
        }
        var logger = Options.LoggerFactory?.CreateLogger<AgentSession>() ?? (ILogger)NullLogger.Instance;
        var credentials = token is null ? null : RoutingChannel.Bearer(_ => ValueTask.FromResult(token));
        var session = new AgentSession(_channel, agentId, Options.AgentReconnect, credentials, logger);
        try
        {
            await session.StartAsync(resumeSessionId, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a gateway's session (role gateway or admin): it connects in the background and reconnects by
    /// itself until disposed. Dispose it before this client.</summary>
    public GatewaySession OpenGatewaySession() =>
        new(_channel, Options, Options.LoggerFactory?.CreateLogger<GatewaySession>() ?? (ILogger)NullLogger.Instance);

    public void Dispose() => _channel.Dispose();
}
