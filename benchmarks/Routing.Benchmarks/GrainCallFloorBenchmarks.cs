using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Routing.Benchmarks;

/// <summary>
/// What Orleans itself charges for the steps one interaction is made of, on one in-process silo set up as the
/// server's (memory state; the strongly consistent directory, and Orleans' default one for comparison): a call and
/// its answer from outside the grains (as the gRPC edge calls), a call from one grain to another, a one-way message,
/// and a new activation that reads its state and leaves memory again (as each interaction does). The grains are
/// empty, so the figures are Orleans' floor, not our code. Each operation is a batch of concurrent calls, so the silo
/// stays busy: run the process on one core (<c>taskset -c 0</c>) and the time per call is the CPU per call. An
/// activation leaves memory after its answer, so its leaving is counted while it overlaps the batches that follow.
/// </summary>
[MemoryDiagnoser]
public class GrainCallFloorBenchmarks
{
    private const int Batch = 1_000;
    private const int Targets = 100;
    private IHost _host = null!;
    private IFloorGrain[] _targets = null!;
    private IFloorGrain[] _relays = null!;
    private readonly Task[] _calls = new Task[Batch];
    private IGrainFactory _grains = null!;
    private long _nextFresh;

    /// <summary>True: the strongly consistent directory the server runs with; false: Orleans' default one, for
    /// comparison.</summary>
    [Params(true, false)]
    public bool StronglyConsistentDirectory { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: 21_112, gatewayPort: 31_112).AddMemoryGrainStorage(FloorGrain.Storage);
            if (StronglyConsistentDirectory)
            {
#pragma warning disable ORLEANSEXP003 // The directory the server runs with.
                silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            }
        });
        _host = builder.Build();
        await _host.StartAsync();
        _grains = _host.Services.GetRequiredService<IGrainFactory>();
        _targets = [.. Enumerable.Range(0, Targets).Select(i => _grains.GetGrain<IFloorGrain>($"target-{i}"))];
        _relays = [.. Enumerable.Range(0, Targets).Select(i => _grains.GetGrain<IFloorGrain>($"relay-{i}"))];
        await Task.WhenAll(_targets.Select(t => t.Ping()).Concat(_relays.Select(r => r.Ping())));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>A call from outside the grains and its answer: what each command of the edge costs at least.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task CallAndAnswer()
    {
        for (var i = 0; i < Batch; i++)
        {
            _calls[i] = _targets[i % Targets].Ping();
        }
        return Task.WhenAll(_calls);
    }

    /// <summary>A call from outside that makes one call to another grain: the second call is the difference from
    /// <see cref="CallAndAnswer"/>.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task CallThatCallsAGrain()
    {
        for (var i = 0; i < Batch; i++)
        {
            _calls[i] = _relays[i % Targets].Relay(_targets[(i + 1) % Targets]);
        }
        return Task.WhenAll(_calls);
    }

    /// <summary>A one-way message from outside (as a grain's notice to the edge's observer, or a grain's one-way
    /// message to another): the batch ends when every message has arrived.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task OneWayMessage()
    {
        var arrived = OneWayArrivals.Expect(Batch);
        for (var i = 0; i < Batch; i++)
        {
            _ = _targets[i % Targets].Notify();
        }
        return arrived;
    }

    /// <summary>A call to a grain that was never active and stays: placement, the directory's lookup and registration,
    /// the activation.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task NewActivation() => CallFresh<IStatelessFloorGrain>(g => g.Ping());

    /// <summary>As <see cref="NewActivation"/>, and the activation leaves memory once idle (the directory's
    /// unregistration).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task NewActivationThatLeaves() => CallFresh<IStatelessFloorGrain>(g => g.PingAndLeave());

    /// <summary>An interaction's shape: as <see cref="NewActivationThatLeaves"/>, with a stored state read at
    /// activation. Less <see cref="CallAndAnswer"/>, what each interaction's activation costs at least.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task NewActivationWithStateThatLeaves() => CallFresh<IFloorGrain>(g => g.PingAndLeave());

    private Task CallFresh<TGrain>(Func<TGrain, Task> call) where TGrain : IGrainWithStringKey
    {
        for (var i = 0; i < Batch; i++)
        {
            _calls[i] = call(_grains.GetGrain<TGrain>($"fresh-{++_nextFresh}"));
        }
        return Task.WhenAll(_calls);
    }
}
