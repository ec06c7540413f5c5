namespace Routing.Sip.Authentication;

/// <summary>Accounts held in memory, from configuration (<c>Sip:Registrar:Accounts</c>) or built in code. The gateway
/// registers its own <see cref="ISipCredentialStore"/> when accounts live elsewhere.</summary>
public sealed class InMemorySipCredentialStore(IEnumerable<SipAccount> accounts) : ISipCredentialStore
{
    private readonly Dictionary<(string Username, string Realm), SipAccount> _accounts =
        accounts.ToDictionary(a => (a.Username, a.Realm));

    public ValueTask<SipAccount?> FindAsync(string username, string realm, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_accounts.GetValueOrDefault((username, realm)));
}
