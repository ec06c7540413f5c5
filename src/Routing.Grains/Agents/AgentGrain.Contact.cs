using Routing.Abstractions.Agents;

namespace Routing.Grains.Agents;

/// <summary>The contact the agent's phone registered at a SIP gateway. It is not presence: a registered phone does not
/// make the agent ready, and an agent stays reachable at its configured endpoint without one. An agent the tenant does
/// not configure has neither: it is refused NotFound and its activation goes at once.</summary>
internal sealed partial class AgentGrain
{
    public async Task SetContact(AgentContact? contact)
    {
        RequireConfigured();
        if (State.Contact == contact)
        {
            return;
        }
        State.Contact = contact;
        await _writer.WriteAsync();
    }

    public Task<AgentContact?> GetContact()
    {
        RequireConfigured();
        return Task.FromResult(LiveContact());
    }

    public Task<string?> GetEndpoint() =>
        Task.FromResult(LiveContact()?.Uri ?? State.Settings?.Definition.Endpoint);

    private AgentContact? LiveContact() => State.Contact is { } contact && contact.IsLiveAt(Now) ? contact : null;

    private void RequireConfigured()
    {
        if (State.Settings is null)
        {
            this.DeactivateOnIdle();
            RequireSettings();
        }
    }
}
