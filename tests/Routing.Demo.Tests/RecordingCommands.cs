using Routing.Abstractions.Interactions;
using Routing.Core.Lifecycle;

namespace Routing.Demo.Tests;

/// <summary>An <see cref="IAgentCommands"/> that records what it is told, refuses or throws for the
/// commands it is set up to, and can run something as a command arrives (a stop, say).</summary>
internal sealed class RecordingCommands : IAgentCommands
{
    private readonly List<string> _sent = [];

    /// <summary>Commands ("end", "accept"…) the centre refuses as a race.</summary>
    public HashSet<string> Refuse { get; } = new(StringComparer.Ordinal);

    /// <summary>Commands that fail outright.</summary>
    public HashSet<string> Throw { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs as each command arrives, with its name.</summary>
    public Action<string>? OnCommand { get; set; }

    /// <summary>What was sent, as "accept i1", in order.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task SetReadyAsync(CancellationToken cancellationToken) => Send("ready", null);

    public Task<bool> AcceptAsync(string interactionId, CancellationToken cancellationToken) => Send("accept", interactionId);

    public Task<bool> RejectAsync(string interactionId, CancellationToken cancellationToken) => Send("reject", interactionId);

    public Task<bool> EndAsync(string interactionId, CancellationToken cancellationToken) => Send("end", interactionId);

    public Task<bool> CompleteAsync(string interactionId, Disposition disposition, CancellationToken cancellationToken) =>
        Send("complete", interactionId);

    private Task<bool> Send(string command, string? interactionId)
    {
        lock (_sent)
        {
            _sent.Add(interactionId is null ? command : $"{command} {interactionId}");
        }
        OnCommand?.Invoke(command);
        return Throw.Contains(command)
            ? Task.FromException<bool>(new InvalidOperationException($"{command} failed"))
            : Task.FromResult(!Refuse.Contains(command));
    }
}
