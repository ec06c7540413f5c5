using System.Runtime;

namespace Routing.Server.Runtime;

/// <summary>Logs at start-up how the garbage collector runs, and warns outside Development when its young-generation
/// budget is left to the runtime or set too large, so a collection could stop routing for a noticeable time
/// (<see cref="YoungGenerationBudget"/>).</summary>
internal sealed class GarbageCollectorStartupReport(IHostEnvironment environment, ILogger<GarbageCollectorStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var budget = YoungGenerationBudget.Configured(Environment.GetEnvironmentVariable);
        var mode = GCSettings.IsServerGC ? "server" : "workstation";
        ServerLog.GarbageCollector(logger, mode, budget is { } bytes ? $"{bytes / (1024.0 * 1024):0.#} MiB" : "sized by the runtime");
        if (YoungGenerationBudget.NeedsAttention(budget) && !environment.IsDevelopment())
        {
            ServerLog.YoungGenerationBudgetNotSet(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
