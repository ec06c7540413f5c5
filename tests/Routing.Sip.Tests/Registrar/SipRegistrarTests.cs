using System.Globalization;
using Routing.Sip.Messages;
using Routing.Sip.Transport;
using Xunit;

namespace Routing.Sip.Tests.Registrar;

/// <summary>The registrar's rules of RFC 3261 §10.3, each answered as the RFC says and changing nothing when refused.</summary>
public sealed class SipRegistrarTests : IDisposable
{
    private const string Aor = "sip:alice@example.com";
    private const string DeskPhone = "<sip:alice@198.51.100.7:5062>";
    private const string SoftPhone = "<sip:alice@198.51.100.8:5070;transport=tcp>";

    private readonly RegistrarHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private Task<SipResponse> Register(string[]? contacts = null, long cseq = 1, string? expires = null, string callId = "phone-1@198.51.100.7") =>
        _harness.SendAuthorizedAsync(_harness.Register(contacts: contacts, cseq: cseq, expires: expires, callId: callId));

    private static int ExpiresOf(string contact) =>
        int.Parse(NameAddressOf(contact).Parameters.Get("expires")!, CultureInfo.InvariantCulture);

    private static NameAddress NameAddressOf(string value) => NameAddress.TryParse(value, out var address) ? address : throw new FormatException(value);

    [Fact]
    public async Task Ok_ListsEveryBindingWithItsRemainingExpires_AndADate()
    {
        await Register([DeskPhone], cseq: 1, expires: "600");
        _harness.Clock.Advance(TimeSpan.FromSeconds(100));

        var response = await Register([SoftPhone], cseq: 2, expires: "3600");

        Assert.Equal(200, response.StatusCode);
        var contacts = response.Headers.Values(HeaderNames.Contact);
        Assert.Equal(2, contacts.Count);
        Assert.Equal(500, ExpiresOf(contacts[0]));
        Assert.Equal(3600, ExpiresOf(contacts[1]));
        Assert.Equal("Thu, 01 Jan 2026 00:01:40 GMT", response.Headers.Get(HeaderNames.Date));
    }

    [Fact]
    public async Task Query_WithoutContact_ListsTheBindings_AndChangesNothing()
    {
        await Register([DeskPhone], cseq: 1);

        var response = await Register(cseq: 2);

        Assert.Equal(200, response.StatusCode);
        Assert.Single(response.Headers.Values(HeaderNames.Contact));
        Assert.Single(_harness.Registrar.GetContacts(Aor));
    }

    [Fact]
    public async Task ExpiresBelowMinimum_Gets423WithMinExpires_AndNoBinding()
    {
        var response = await Register([DeskPhone], expires: "30");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers.Get("Min-Expires"));
        Assert.Empty(_harness.Registrar.GetContacts(Aor));
    }

    [Fact]
    public async Task ExpiresAboveMaximum_IsShortened()
    {
        var response = await Register([DeskPhone], expires: "86400");

        Assert.Equal(3600, ExpiresOf(Assert.Single(response.Headers.Values(HeaderNames.Contact))));
    }

    [Fact]
    public async Task ContactExpiresParameter_WinsOverTheHeader_AndNeitherMeansTheDefault()
    {
        var response = await Register([DeskPhone + ";expires=120", SoftPhone], expires: "300");
        var defaulted = await Register(["<sip:alice@198.51.100.9>"], cseq: 2);

        Assert.Equal([120, 300], response.Headers.Values(HeaderNames.Contact).Select(ExpiresOf));
        Assert.Equal(3600, ExpiresOf(defaulted.Headers.Values(HeaderNames.Contact)[2]));
    }

    [Fact]
    public async Task ExpiresZero_RemovesThatBindingOnly()
    {
        await Register([DeskPhone, SoftPhone], cseq: 1);

        var response = await Register([DeskPhone + ";expires=0"], cseq: 2);

        Assert.Equal(200, response.StatusCode);
        var remaining = Assert.Single(_harness.Registrar.GetContacts(Aor));
        Assert.Equal("tcp", remaining.Contact.Transport);
    }

    [Fact]
    public async Task StarWithExpiresZero_RemovesEveryBinding()
    {
        await Register([DeskPhone, SoftPhone], cseq: 1, callId: "desk@198.51.100.7");

        var response = await Register(["*"], cseq: 1, expires: "0", callId: "other-phone@198.51.100.9");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Headers.Values(HeaderNames.Contact));
        Assert.Empty(_harness.Registrar.GetContacts(Aor));
    }

    [Theory]
    [InlineData(new[] { "*", DeskPhone }, "0")]
    [InlineData(new[] { "*" }, "3600")]
    [InlineData(new[] { "*" }, null)]
    public async Task StarWithAnotherContactOrANonZeroExpires_Gets400(string[] contacts, string? expires)
    {
        await Register([DeskPhone], cseq: 1);

        var response = await Register(contacts, cseq: 2, expires: expires);

        Assert.Equal(400, response.StatusCode);
        Assert.Single(_harness.Registrar.GetContacts(Aor));
    }

    [Theory]
    [InlineData("<sip:alice@198.51.100.7>;expires=soon", null)]
    [InlineData("<sip:alice@198.51.100.7>;q=2", null)]
    [InlineData("<tel:+4930123456>", null)]
    [InlineData(DeskPhone, "-5")]
    public async Task MalformedContactOrExpires_Gets400_AndNoBinding(string contact, string? expires)
    {
        var response = await Register([contact], expires: expires);

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(_harness.Registrar.GetContacts(Aor));
    }

    [Fact]
    public async Task Refresh_KeepsOneBinding_WithTheNewExpiry()
    {
        await Register([DeskPhone], cseq: 1, expires: "600");
        _harness.Clock.Advance(TimeSpan.FromSeconds(300));

        await Register(["\"Alice\" <sip:alice@198.51.100.7:5062>"], cseq: 2, expires: "600");

        var binding = Assert.Single(_harness.Registrar.GetContacts(Aor));
        Assert.Equal(600, binding.RemainingSeconds(_harness.Clock.GetUtcNow()));
        Assert.Equal(2, binding.CSeq);
    }

    [Fact]
    public async Task SameCallIdWithCSeqNotHigher_IsRefused_AndChangesNothing()
    {
        await Register([DeskPhone], cseq: 5, expires: "600");

        var older = await Register([DeskPhone + ";expires=0", SoftPhone], cseq: 4);
        var equal = await Register([DeskPhone + ";expires=0"], cseq: 5);

        Assert.Equal(400, older.StatusCode);
        Assert.Equal(400, equal.StatusCode);
        var binding = Assert.Single(_harness.Registrar.GetContacts(Aor));
        Assert.Equal(5, binding.CSeq);
    }

    [Fact]
    public async Task ContactListedTwice_IsOneBinding_WithTheLastExpiry()
    {
        var response = await Register([DeskPhone + ";expires=600", DeskPhone + ";expires=900"]);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(900, ExpiresOf(Assert.Single(response.Headers.Values(HeaderNames.Contact))));
    }

    [Fact]
    public async Task AnotherCallId_MayUpdateWithALowerCSeq()
    {
        await Register([DeskPhone], cseq: 5, callId: "first-boot@198.51.100.7");

        var response = await Register([DeskPhone + ";expires=0"], cseq: 1, callId: "after-reboot@198.51.100.7");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_harness.Registrar.GetContacts(Aor));
    }

    [Fact]
    public async Task MoreBindingsThanAllowed_Gets503_AndKeepsTheOldOnes()
    {
        using var harness = new RegistrarHarness(o => o.MaxBindingsPerAddressOfRecord = 2);
        await harness.SendAuthorizedAsync(harness.Register(contacts: [DeskPhone, SoftPhone], cseq: 1));

        var response = await harness.SendAuthorizedAsync(harness.Register(contacts: ["<sip:alice@198.51.100.9>"], cseq: 2));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(2, harness.Registrar.GetContacts(Aor).Count);
    }

    [Fact]
    public async Task NewAddressOfRecordWhenTheTableIsFull_Gets503()
    {
        using var harness = new RegistrarHarness(o => o.MaxAddressesOfRecord = 1);
        await harness.SendAuthorizedAsync(harness.Register(contacts: [DeskPhone], cseq: 1));

        var response = await harness.SendAuthorizedAsync(harness.Register(user: "bob", contacts: ["<sip:bob@198.51.100.20>"], cseq: 1),
            user: "bob", password: "battery staple");

        Assert.Equal(503, response.StatusCode);
        Assert.Empty(harness.Registrar.GetContacts("sip:bob@example.com"));
    }

    [Fact]
    public async Task DomainNotServed_Gets404()
    {
        var response = await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone], requestUri: "sip:elsewhere.example.net"));

        Assert.Equal(404, response.StatusCode);
    }

    [Fact]
    public async Task Binding_RecordsTheFlowItCameOn()
    {
        var tcp = new AnsweredFlow(SipTransportKind.Tcp, port: 40312);

        await _harness.SendAuthorizedAsync(_harness.Register(contacts: [DeskPhone + ";q=0.5"]), flow: tcp);

        var binding = Assert.Single(_harness.Registrar.GetContacts("sip:alice@EXAMPLE.com;user=phone"));
        Assert.Equal(SipTransportKind.Tcp, binding.Transport);
        Assert.Equal(tcp.RemoteEndPoint, binding.Source);
        Assert.Same(tcp, binding.Flow);
        Assert.Equal("0.5", binding.Q);
        Assert.Equal("phone-1@198.51.100.7", binding.CallId);
    }
}
