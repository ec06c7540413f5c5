using Routing.Abstractions.Agents;

namespace Routing.Grains.Agents;

/// <summary>The contact the agent's phone registered at a SIP gateway. It is not presence: a registered phone does not
/// make the agent ready, and an agent stays reachable at its configured endpoint without one.</summary>
internal sealed partial class AgentGrain
{
    public async Task SetContact(AgentContact? contact)
    {
        if (State.Contact == contact)
        {
            return;
        }
        State.Contact = contact;
        await _writer.WriteAsync();
    }

    public Task<AgentContact?> GetContact() =>
        Task.FromResult(State.Contact is { } contact && contact.IsLiveAt(Now) ? contact : null);
}
