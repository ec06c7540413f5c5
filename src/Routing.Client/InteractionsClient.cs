using Grpc.Core;
using Grpc.Net.Client;
using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>Interactions as a media gateway or connector sees them (role gateway or admin).</summary>
public sealed class InteractionsClient
{
    private readonly InteractionService.InteractionServiceClient _client;
    private readonly RoutingClientOptions _options;

    internal InteractionsClient(GrpcChannel channel, RoutingClientOptions options)
    {
        _client = new InteractionService.InteractionServiceClient(channel);
        _options = options;
    }

    /// <summary>Creates an interaction and puts it in line. When the request has no id, one is chosen here
    /// (not by the server), so a retried call cannot create the interaction twice.</summary>
    public async Task<InteractionSnapshot> CreateAsync(CreateInteractionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InteractionId.Length == 0)
        {
            request = request.Clone();
            request.InteractionId = NewInteractionId();
        }
        return await _client.CreateAsync(request, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>Where a contact reaching an entry point (its id or a dialled number) would go, and the entry point's mode
    /// for a telephony gateway; creates nothing.</summary>
    public async Task<EntryDecision> DecideEntryAsync(DecideEntryRequest request, CancellationToken cancellationToken = default) =>
        await _client.DecideEntryAsync(request, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The interaction as it stands.</summary>
    public async Task<InteractionSnapshot> GetAsync(string interactionId, CancellationToken cancellationToken = default) =>
        await _client.GetAsync(new GetInteractionRequest { InteractionId = interactionId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The customer hung up.</summary>
    public async Task<InteractionSnapshot> HangupAsync(string interactionId, CancellationToken cancellationToken = default) =>
        await _client.HangupAsync(new HangupRequest { InteractionId = interactionId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The agent's side hung up (e.g. a BYE from the agent's phone): ends that agent's conversation.</summary>
    public async Task<InteractionSnapshot> AgentHangupAsync(string interactionId, string agentId, CancellationToken cancellationToken = default) =>
        await _client.HangupAsync(new HangupRequest { InteractionId = interactionId, AgentId = agentId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The agent's phone answered the offer (a SIP gateway in proxy mode), as the agent's Accept command.</summary>
    public async Task<InteractionSnapshot> AnswerAsync(string interactionId, string agentId, CancellationToken cancellationToken = default) =>
        await _client.AnswerAsync(new AgentAnswerRequest { InteractionId = interactionId, AgentId = agentId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The agent's phone refused the offer (busy, declined, unreachable), as the agent's Reject command.</summary>
    public async Task<InteractionSnapshot> DeclineAsync(string interactionId, string agentId, CancellationToken cancellationToken = default) =>
        await _client.DeclineAsync(new AgentDeclineRequest { InteractionId = interactionId, AgentId = agentId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The customer no longer wants the pending callback (scheduled, waiting or ringing).</summary>
    public async Task<InteractionSnapshot> CancelCallbackAsync(string interactionId, CancellationToken cancellationToken = default) =>
        await _client.HangupAsync(new HangupRequest { InteractionId = interactionId, CancelCallback = true }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The waiting voice caller asks to be called back on <paramref name="number"/>; the interaction
    /// keeps its place in line as a callback.</summary>
    public async Task<InteractionSnapshot> RequestCallbackAsync(string interactionId, string number, CancellationToken cancellationToken = default) =>
        await _client.RequestCallbackAsync(new RequestCallbackRequest { InteractionId = interactionId, Number = number }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Transfers a connected interaction on behalf of <paramref name="agentId"/> (empty: whoever is
    /// connected), as that agent's own Transfer command would.</summary>
    public async Task<InteractionSnapshot> TransferAsync(string interactionId, TransferTarget target, string agentId = "", CancellationToken cancellationToken = default) =>
        await _client.TransferAsync(new TransferInteractionRequest { InteractionId = interactionId, AgentId = agentId, Target = target }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>
    /// Every event of the interaction, each once and in order, until it reaches a final status. When the
    /// stream breaks (server restart, lost connection) it is opened again and events already seen are
    /// skipped, so the caller sees one unbroken sequence.
    /// </summary>
    public IAsyncEnumerable<InteractionEvent> WatchAsync(string interactionId, CancellationToken cancellationToken = default)
    {
        long seen = 0;
        return ResumableStream.ReadAsync(
            ct => _client.Watch(new WatchInteractionRequest { InteractionId = interactionId }, new CallOptions(cancellationToken: ct)),
            e =>
            {
                if (e.Sequence <= seen)
                {
                    return false;
                }
                seen = e.Sequence;
                return true;
            },
            Reconnection.ForWatches(_options),
            cancellationToken);
    }

    /// <summary>A fresh interaction id (a GUID without dashes).</summary>
    public static string NewInteractionId() => Guid.NewGuid().ToString("N");
}
