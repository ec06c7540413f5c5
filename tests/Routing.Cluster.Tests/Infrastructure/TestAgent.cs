using System.Collections.Concurrent;
using Grpc.Core;
using Routing.Client;
using Routing.Client.Agents;
using Routing.Contracts.V1;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>
/// A simulated agent app on its own stream: answers every offer after a short delay, talks briefly and
/// ends. Commands that fail because the stream is moving to another silo are tried again. Records what it
/// sees in the ledger and whether its session was resumed after a drop.
/// </summary>
internal sealed class TestAgent(string agentId, Ledger ledger) : IAsyncDisposable
{
    private static readonly TimeSpan AnswerDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TalkTime = TimeSpan.FromMilliseconds(300);
    private readonly CancellationTokenSource _stop = new();
    private AgentSession? _session;
    private Task _run = Task.CompletedTask;

    public string AgentId => agentId;

    public int Drops { get; private set; }

    public List<bool> Resumptions { get; } = [];

    public int CommandFailures { get; private set; }

    /// <summary>The status and message of the last failed command, so that a failing test says why.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Each command the server refused for good, with the interaction it named, so that a failing test can
    /// say what became of a call left unfinished.</summary>
    public ConcurrentQueue<(string InteractionId, string Refusal)> Refusals { get; } = new();

    public static async Task<TestAgent> StartAsync(string agentId, RoutingClient client, Ledger ledger, bool ready, CancellationToken cancellationToken)
    {
        var agent = new TestAgent(agentId, ledger);
        agent._session = await client.OpenAgentSessionAsync(agentId, cancellationToken: cancellationToken, token: ProcessCluster.Token("agent", agentId));
        if (ready)
        {
            await agent._session.SetReadyAsync(cancellationToken);
        }
        else
        {
            await agent._session.LoginAsync(cancellationToken);
            await agent._session.SetNotReadyAsync("meeting", cancellationToken);
        }
        agent._run = agent.RunAsync();
        return agent;
    }

    public Presence Presence => _session!.State.Presence;

    /// <summary>Sets the agent ready, trying again while the cluster is recovering.</summary>
    public Task SetReadyAsync() => RetryAsync(() => _session!.SetReadyAsync(_stop.Token), interactionId: null, "set ready");

    private async Task RunAsync()
    {
        var work = new List<Task>();
        try
        {
            await foreach (var e in _session!.Events.ReadAllAsync(_stop.Token))
            {
                switch (e)
                {
                    case OfferReceived offer:
                        ledger.RingStarted(offer.Offer.InteractionId, agentId);
                        work.Add(HandleAsync(offer.Offer.InteractionId));
                        break;
                    case OfferClosed closed:
                        ledger.RingEnded(closed.InteractionId, agentId);
                        break;
                    case SessionReconnecting:
                        Drops++;
                        break;
                    case SessionReconnected reconnected:
                        Resumptions.Add(reconnected.Started.Resumed);
                        break;
                    case SessionClosed closed:
                        Refusals.Enqueue(("", $"session closed: {closed.Reason} ({Describe(closed.Error)})"));
                        break;
                }
                work.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
        await Task.WhenAll(work);
    }

    private async Task HandleAsync(string interactionId)
    {
        try
        {
            await Task.Delay(AnswerDelay, _stop.Token);
            var accepted = await RetryAsync(() => _session!.AcceptAsync(interactionId, _stop.Token), interactionId, "accept");
            ledger.RingEnded(interactionId, agentId);
            if (!accepted)
            {
                return;
            }
            await Task.Delay(TalkTime, _stop.Token);
            await RetryAsync(() => _session!.EndAsync(interactionId, _stop.Token), interactionId, "end");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Runs a command until it is carried out or refused for good: UNAVAILABLE (the stream was
    /// moving) and DEADLINE_EXCEEDED (a call waited on a dead silo) are tried again. False when refused
    /// (FailedPrecondition / NotFound: e.g. the offer had already gone back to its queue).</summary>
    private async Task<bool> RetryAsync(Func<Task> command, string? interactionId, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command();
                return true;
            }
            catch (AgentCommandException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
            {
                Refusals.Enqueue((interactionId ?? "", $"{name} (attempt {attempt}): {e.StatusCode}: {e.Message}"));
                return false;
            }
            catch (AgentCommandException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), _stop.Token);
            }
            catch (AgentCommandException e)
            {
                Refusals.Enqueue((interactionId ?? "", $"{name} (attempt {attempt}): {e.StatusCode}: {e.Message}"));
                CommandFailures++;
                LastFailure = $"{e.StatusCode}: {e.Message}";
                return false;
            }
        }
    }

    private static string Describe(Exception? error) =>
        error is null ? "no error" : $"{error.GetType().Name}{(error.InnerException is { } inner ? $" from {inner.GetType().Name}: {inner.Message}" : "")}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }
}
