namespace Routing.Sip.Registrar;

/// <summary>Told whenever the bindings of an address of record change: a contact added, refreshed or removed by a
/// REGISTER, or expired. The gateway publishes the agent's current contact to the cluster from here.</summary>
public interface ISipRegistrationListener
{
    /// <summary>The bindings of <paramref name="addressOfRecord"/> now (empty when none is left). Calls for one address
    /// arrive in order, under the registrar's lock: start any slow work (a cluster call) and return at once.</summary>
    void OnBindingsChanged(string addressOfRecord, IReadOnlyList<SipBinding> bindings);
}
