using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>Where agents' phones are registered (role gateway or admin): a SIP gateway's registrar records each
/// agent's contact so offers and redirects reach the phone through any gateway.</summary>
public sealed class RegistrationClient
{
    private readonly RegistrationService.RegistrationServiceClient _client;
    private readonly RoutingClientOptions _options;

    internal RegistrationClient(GrpcChannel channel, RoutingClientOptions options)
    {
        _client = new RegistrationService.RegistrationServiceClient(channel);
        _options = options;
    }

    /// <summary>Records that <paramref name="agentId"/>'s phone is reachable at <paramref name="contactUri"/> until
    /// <paramref name="expiresAt"/>, replacing the contact before.</summary>
    public async Task<AgentContact> SetAgentContactAsync(string agentId, string contactUri, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        await _client.SetAgentContactAsync(
            new SetAgentContactRequest { AgentId = agentId, ContactUri = contactUri, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) },
            _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Clears <paramref name="agentId"/>'s registration (the phone unregistered or its binding expired).</summary>
    public async Task<AgentContact> ClearAgentContactAsync(string agentId, CancellationToken cancellationToken = default) =>
        await _client.SetAgentContactAsync(new SetAgentContactRequest { AgentId = agentId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The agent's registered contact (empty contact_uri when none).</summary>
    public async Task<AgentContact> GetAgentContactAsync(string agentId, CancellationToken cancellationToken = default) =>
        await _client.GetAgentContactAsync(new GetAgentContactRequest { AgentId = agentId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);
}
