using BenchmarkDotNet.Attributes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Routing.Contracts.V1;

namespace Routing.Benchmarks;

/// <summary>
/// What gRPC itself charges for the edge's steps, beside <see cref="GrainCallFloorBenchmarks"/>: a unary call the size of
/// a gateway's create, and a command and its answer on an agent's stream, against services that do nothing (no
/// authentication, no grains) on Kestrel over HTTP/2 on loopback. Client and server run in this process, so each figure
/// is both sides together. Each operation is a batch of concurrent calls: run the process on one core
/// (<c>taskset -c 0</c>) and the time per call is the CPU per call.
/// </summary>
[MemoryDiagnoser]
public class GrpcCallFloorBenchmarks
{
    private const int Batch = 1_000;
    private const int Streams = 100;
    private const int Port = 21_113;
    private WebApplication _server = null!;
    private GrpcChannel _channel = null!;
    private InteractionService.InteractionServiceClient _interactions = null!;
    private AsyncDuplexStreamingCall<AgentCommand, AgentEvent>[] _streams = null!;
    private readonly Task[] _calls = new Task[Batch];
    private readonly Task[] _streamBatches = new Task[Streams];

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        _server = builder.Build();
        _server.MapGrpcService<FloorInteractionService>();
        _server.MapGrpcService<FloorAgentService>();
        await _server.StartAsync();
        _channel = GrpcChannel.ForAddress($"http://localhost:{Port}");
        _interactions = new InteractionService.InteractionServiceClient(_channel);
        var agents = new AgentService.AgentServiceClient(_channel);
        _streams = [.. Enumerable.Range(0, Streams).Select(_ => agents.Connect())];
        await Task.WhenAll(_streams.Select(s => CommandAndAnswerAsync(s, 1)));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        foreach (var stream in _streams)
        {
            // The server's end of the stream finishes once the commands end; disposed before that, the stream is reset and
            // the server logs an error for each.
            await stream.RequestStream.CompleteAsync();
            while (await stream.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
            stream.Dispose();
        }
        _channel.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    /// <summary>A unary call carrying a create's request and answering an interaction's snapshot.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task UnaryCall()
    {
        for (var i = 0; i < Batch; i++)
        {
            _calls[i] = _interactions.CreateAsync(FloorMessages.Create).ResponseAsync;
        }
        return Task.WhenAll(_calls);
    }

    /// <summary>An agent's command on its open stream and the server's answer on the same stream (the app's accept,
    /// end and complete each make one; the server's events cost one message each way less).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task StreamCommandAndAnswer()
    {
        for (var i = 0; i < Streams; i++)
        {
            _streamBatches[i] = CommandAndAnswerAsync(_streams[i], Batch / Streams);
        }
        return Task.WhenAll(_streamBatches);
    }

    private static async Task CommandAndAnswerAsync(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> stream, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await stream.RequestStream.WriteAsync(FloorMessages.Accept);
            if (!await stream.ResponseStream.MoveNext(CancellationToken.None))
            {
                throw new InvalidOperationException("the floor's agent stream ended");
            }
        }
    }

    /// <summary>Answers every create with the same snapshot.</summary>
    private sealed class FloorInteractionService : InteractionService.InteractionServiceBase
    {
        public override Task<InteractionSnapshot> Create(CreateInteractionRequest request, ServerCallContext context) =>
            Task.FromResult(FloorMessages.Snapshot);
    }

    /// <summary>Answers every command with an agent's state, the size of the event a command brings.</summary>
    private sealed class FloorAgentService : AgentService.AgentServiceBase
    {
        public override async Task Connect(IAsyncStreamReader<AgentCommand> requestStream, IServerStreamWriter<AgentEvent> responseStream, ServerCallContext context)
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                await responseStream.WriteAsync(FloorMessages.State);
            }
        }
    }
}
