using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Abstractions.Customers;

namespace Routing.Grains.Customers;

/// <summary>Remembers who last served a customer. Atomic only: it awaits no other grain.</summary>
internal sealed class CustomerGrain : Grain, ICustomerGrain
{
    private readonly IPersistentState<CustomerState> _state;
    private readonly StateWriter<CustomerState> _writer;

    public CustomerGrain(
        [PersistentState("customer", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<CustomerState> state,
        IOptions<RoutingGrainOptions> options,
        ILogger<CustomerGrain> logger)
    {
        _state = state;
        _writer = new StateWriter<CustomerState>(state, logger, this.GetPrimaryKeyString(), onConflict: this.DeactivateOnIdle, deferToDeactivation: !options.Value.DurableState);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writer.FlushAsync(reason);

    public Task<LastService?> GetLastService() => Task.FromResult(_state.State.Last);

    public Task Served(string agentId, DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(agentId) || (_state.State.Last is { } last && last.At >= at))
        {
            return Task.CompletedTask;
        }
        _state.State.Last = new LastService(agentId, at);
        _writer.Schedule();
        return Task.CompletedTask;
    }
}

/// <summary>The customer grain's stored state.</summary>
[GenerateSerializer, Alias("routing.customer-state")]
public sealed class CustomerState
{
    [Id(0)] public LastService? Last { get; set; }
}
