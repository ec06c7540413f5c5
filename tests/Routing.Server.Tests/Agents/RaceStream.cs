using Grpc.Core;
using Grpc.Net.Client;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>One of many session streams opened for the same agent at once: reads its events in the
/// background, so the test can await its end or the result of a command.</summary>
public sealed class RaceStream : IDisposable
{
    private readonly AsyncDuplexStreamingCall<AgentCommand, AgentEvent> _call;
    private readonly System.Threading.Channels.Channel<AgentEvent> _events = System.Threading.Channels.Channel.CreateUnbounded<AgentEvent>();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RaceStream(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call) => _call = call;

    public SessionStarted Started { get; private set; } = null!;

    /// <summary>Completes when the server ends the stream (in any way).</summary>
    public Task Ended => _ended.Task;

    /// <summary>The SessionEnded event the stream received before it ended, if any.</summary>
    public SessionEnded? SessionEnded { get; private set; }

    /// <summary>Opens <paramref name="count"/> streams for the agent of <paramref name="token"/> at once,
    /// spread over <paramref name="channels"/>, and awaits SessionStarted on each.</summary>
    public static async Task<RaceStream[]> OpenAll(IReadOnlyList<GrpcChannel> channels, string token, int count)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var options = new CallOptions(
            headers: new Metadata { { "Authorization", $"Bearer {token}" } },
            deadline: DateTime.UtcNow.AddMinutes(2));
        var streams = Enumerable.Range(0, count)
            .Select(i => new RaceStream(new AgentService.AgentServiceClient(channels[i % channels.Count]).Connect(options)))
            .ToArray();
        await Task.WhenAll(streams.Select(s => s.StartAsync()));
        return streams;
    }

    /// <summary>A fresh tenant with queue "sales" and agent "ann", applied through <paramref name="channel"/>;
    /// fresh, so the agent's rate-limit bucket is full.</summary>
    public static async Task<string> FreshTenant(GrpcChannel channel, string signingKey)
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var admin = new AdminService.AdminServiceClient(channel);
        await admin.ApplyConfigurationAsync(
            new TenantConfiguration
            {
                TenantId = tenant,
                Queues = { new QueueDefinition { QueueId = "sales", RequiredSkills = { new SkillRequirement { Skill = "sales", MinimumLevel = 1 } } } },
                Agents = { new AgentDefinition { AgentId = "ann", Skills = { new SkillLevel { Skill = "sales", Level = 3 } } } },
            },
            EdgeFixture.WithToken(DevTokens.Mint(signingKey, tenant, ["admin"], null, TimeSpan.FromHours(1))));
        return tenant;
    }

    /// <summary>Awaits the end of every stream but one; that one is returned (the test fails when more stay open).</summary>
    public static async Task<RaceStream> Survivor(IReadOnlyCollection<RaceStream> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var open = streams.ToList();
        using var timeout = new CancellationTokenSource(StreamAssert.DefaultTimeout);
        while (open.Count > 1)
        {
            try
            {
                var ended = await Task.WhenAny(open.Select(s => s.Ended)).WaitAsync(timeout.Token);
                open.RemoveAll(s => s.Ended == ended);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"{open.Count} of {streams.Count} streams for the same agent are still open");
            }
        }
        return open[0];
    }

    /// <summary>Sends <paramref name="command"/> and awaits its result; null when the stream ended instead.</summary>
    public async Task<CommandResult?> Send(AgentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandId = $"c-{Guid.NewGuid():N}";
        try
        {
            await _call.RequestStream.WriteAsync(command);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The call is over: the server has ended the stream.
        }
        using var timeout = new CancellationTokenSource(StreamAssert.DefaultTimeout);
        try
        {
            await foreach (var next in _events.Reader.ReadAllAsync(timeout.Token))
            {
                if (next.CommandResult?.CommandId == command.CommandId)
                {
                    return next.CommandResult;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail("the stream neither answered the command nor ended in time");
        }
        return null;
    }

    /// <summary>Writes every command without waiting, then awaits all their results, in order.</summary>
    public async Task<CommandResult[]> SendAll(IReadOnlyList<AgentCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        for (var i = 0; i < commands.Count; i++)
        {
            commands[i].CommandId = $"c-{i}";
            await _call.RequestStream.WriteAsync(commands[i]);
        }
        var results = new List<CommandResult>(commands.Count);
        using var timeout = new CancellationTokenSource(StreamAssert.DefaultTimeout * 3);
        try
        {
            await foreach (var next in _events.Reader.ReadAllAsync(timeout.Token))
            {
                if (next.StateChanged is { } changed)
                {
                    StatesSeen.Add(changed.State);
                }
                if (next.CommandResult is { } result && results.Count < commands.Count)
                {
                    results.Add(result);
                    if (results.Count == commands.Count)
                    {
                        return [.. results];
                    }
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"{results.Count} of {commands.Count} commands answered in time");
        }
        Assert.Fail($"the stream ended after {results.Count} of {commands.Count} results");
        return [];
    }

    /// <summary>The agent states pushed while <see cref="SendAll"/> awaited its results.</summary>
    public List<AgentState> StatesSeen { get; } = [];

    public void Dispose() => _call.Dispose();

    private async Task StartAsync()
    {
        await _call.RequestStream.WriteAsync(new AgentCommand { Hello = new Hello() });
        Started = (await StreamAssert.Next(_call.ResponseStream)).SessionStarted
            ?? throw new InvalidOperationException("the first event of the stream is not SessionStarted");
        _ = ReadAsync();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var next = _call.ResponseStream.Current;
                SessionEnded ??= next.SessionEnded;
                _events.Writer.TryWrite(next);
            }
        }
        catch (RpcException)
        {
            // Ended with a status rather than cleanly; either way it is over.
        }
        finally
        {
            _events.Writer.TryComplete();
            _ended.TrySetResult();
        }
    }
}
