using Routing.Sip.Registrar;
using Xunit;

namespace Routing.Sip.Tests.Registrar;

/// <summary>Bindings end at their expiry, and every change is reported to the listeners in order.</summary>
public sealed class BindingExpiryTests : IDisposable
{
    private const string Aor = "sip:alice@example.com";
    private const string DeskPhone = "<sip:alice@198.51.100.7:5062>";

    private readonly RegistrarHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task ExpiredBinding_IsNeverReturned_AndItsExpiryIsReported()
    {
        // Registered half-way between two sweeps, so the binding ends (at 120.5 s) before the sweep that removes it (121 s).
        _harness.Clock.Advance(TimeSpan.FromSeconds(0.5));
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], expires: "120"));
        await _harness.Listener.NextAsync();

        _harness.Clock.Advance(TimeSpan.FromSeconds(119.9));
        Assert.Single(_harness.Registrar.GetContacts(Aor));
        _harness.Clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Empty(_harness.Registrar.GetContacts(Aor));
        Assert.Equal(1, _harness.Registrar.Bindings.AddressCount);

        _harness.Clock.Advance(SipBindingTable.SweepInterval);
        var (addressOfRecord, bindings) = await _harness.Listener.NextAsync();
        Assert.Equal(Aor, addressOfRecord);
        Assert.Empty(bindings);
        Assert.Equal(0, _harness.Registrar.Bindings.AddressCount);
    }

    [Fact]
    public async Task RefreshedBinding_OutlivesItsFirstExpiry()
    {
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], expires: "120", cseq: 1));
        _harness.Clock.Advance(TimeSpan.FromSeconds(100));
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], expires: "120", cseq: 2));

        _harness.Clock.Advance(TimeSpan.FromSeconds(100));

        Assert.Single(_harness.Registrar.GetContacts(Aor));
        _harness.Clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Empty(_harness.Registrar.GetContacts(Aor));
    }

    [Fact]
    public async Task Listener_HearsAddRefreshRemove_InOrder()
    {
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], expires: "600", cseq: 1));
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], expires: "900", cseq: 2));
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone + ";expires=0"], cseq: 3));

        var added = await _harness.Listener.NextAsync();
        var refreshed = await _harness.Listener.NextAsync();
        var removed = await _harness.Listener.NextAsync();

        Assert.Equal(600, Assert.Single(added.Bindings).RemainingSeconds(_harness.Clock.GetUtcNow()));
        Assert.Equal(900, Assert.Single(refreshed.Bindings).RemainingSeconds(_harness.Clock.GetUtcNow()));
        Assert.Empty(removed.Bindings);
        Assert.All(new[] { added, refreshed, removed }, c => Assert.Equal(Aor, c.AddressOfRecord));
    }

    [Fact]
    public async Task RefusedOrUnauthenticatedRegister_TellsTheListenerNothing()
    {
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], expires: "30"));
        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], cseq: 2), password: "wrong");
        await _harness.SendAuthorizedAsync(_harness.Register(cseq: 3));

        Assert.False(_harness.Listener.HasMore);
    }

    [Fact]
    public async Task ListenerThatLooksUpOrFails_NeitherDeadlocksNorBreaksTheRegistration()
    {
        var seen = new List<int>();
        using var harness = new RegistrarHarness(extraListener: registrar => new CallbackListener((aor, _) =>
        {
            seen.Add(registrar.GetContacts(aor).Count);
            throw new InvalidOperationException("the cluster is down");
        }));

        var response = await harness.SendAuthorizedAsync(harness.Register(contacts: [DeskPhone]));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal([1], seen);
        Assert.Single((await harness.Listener.NextAsync()).Bindings);
    }

    private sealed class CallbackListener(Action<string, IReadOnlyList<SipBinding>> callback) : ISipRegistrationListener
    {
        public void OnBindingsChanged(string addressOfRecord, IReadOnlyList<SipBinding> bindings) => callback(addressOfRecord, bindings);
    }
}
