using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Routing.Client;
using Routing.Sip.Registrar;

namespace Routing.SipGateway.Registration;

/// <summary>Publishes each agent's registered phone to the cluster (RegistrationService), so offers and redirects reach
/// the phone through any gateway and a restarted gateway's agents stay reachable. The address of record's user part is
/// the agent id (sip:ann@acme.example → ann). Changes are sent in order by one loop, so an unregister never overtakes
/// the register before it; the registrar's lock is never held across a cluster call.</summary>
internal sealed class AgentContactPublisher(RoutingClient cluster, ILogger<AgentContactPublisher> logger) : BackgroundService, ISipRegistrationListener
{
    private readonly Channel<(string AddressOfRecord, SipBinding? Best)> _changes =
        Channel.CreateUnbounded<(string, SipBinding?)>(new UnboundedChannelOptions { SingleReader = true });

    public void OnBindingsChanged(string addressOfRecord, IReadOnlyList<SipBinding> bindings) =>
        _changes.Writer.TryWrite((addressOfRecord, Best(bindings)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (addressOfRecord, best) in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            var agentId = AgentOf(addressOfRecord);
            if (agentId is null)
            {
                continue;
            }
            try
            {
                if (best is null)
                {
                    await cluster.Registration.ClearAgentContactAsync(agentId, stoppingToken);
                }
                else
                {
                    await cluster.Registration.SetAgentContactAsync(agentId, best.Contact.ToString(), best.ExpiresAt, stoppingToken);
                }
            }
            catch (RpcException failure)
            {
                GatewayLog.ContactNotPublished(logger, agentId, failure.StatusCode, failure.Status.Detail);
            }
        }
    }

    /// <summary>The binding calls should reach: the highest q (RFC 3261 §16.6), then the one registered last.</summary>
    private static SipBinding? Best(IReadOnlyList<SipBinding> bindings) => bindings
        .OrderByDescending(b => double.TryParse(b.Q, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 1.0)
        .ThenByDescending(b => b.ExpiresAt)
        .FirstOrDefault();

    private static string? AgentOf(string addressOfRecord) =>
        Routing.Sip.Messages.SipUri.TryParse(addressOfRecord, out var uri) && uri.UserUnescaped is { } user && Routing.Core.EntityId.IsValid(user) ? user : null;
}
