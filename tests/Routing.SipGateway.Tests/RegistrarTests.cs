using Routing.Client;
using Routing.SipGateway.Tests.Infrastructure;

namespace Routing.SipGateway.Tests;

/// <summary>Agents' softphones register at the gateway with digest authentication; the registered contact is recorded
/// in the cluster and is where callers are redirected.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RegistrarTests(GatewayFixture fixture) : IDisposable
{
    private readonly RoutingClient _gateway = fixture.Client(["gateway"]);
    private readonly string _prefix = $"reg-{Guid.NewGuid():N}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task PhoneRegisters_ItsContactIsRecorded_AndCallsAreRedirectedToIt()
    {
        var registered = await SippCall.RunAsync(fixture.SipPort, SippCall.Register("ann", GatewayFixture.PasswordOf("ann"), 200), "unused", _prefix, caller: "ann");
        Assert.True(registered is { ExitCode: 0, Successful: 1 }, registered.ToString());
        try
        {
            var contact = await RecordedContactAsync("ann");
            Assert.StartsWith("sip:ann@127.0.0.1:", contact, StringComparison.Ordinal);
            await using var ann = await AnsweringAgent.ReadyAsync(fixture, "ann");

            var call = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(302, "sip:ann@127.0.0.1:"), "100", $"{_prefix}-call");

            Assert.True(call is { ExitCode: 0, Successful: 1 }, call.ToString());
        }
        finally
        {
            await _gateway.Registration.ClearAgentContactAsync("ann", Ct);
        }
    }

    [Fact]
    public async Task WrongPassword_IsChallengedAgain_AndRecordsNothing()
    {
        var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Register("bob", "not-the-password", 401), "unused", _prefix, caller: "bob");

        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
        Assert.Equal(string.Empty, (await _gateway.Registration.GetAgentContactAsync("bob", Ct)).ContactUri);
    }

    /// <summary>The contact once the gateway published it (in the background, after the 200): a bounded poll, since the
    /// cluster pushes no event for it.</summary>
    private async Task<string> RecordedContactAsync(string agentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var contact = (await _gateway.Registration.GetAgentContactAsync(agentId, Ct)).ContactUri;
            if (contact.Length > 0 || DateTime.UtcNow > deadline)
            {
                return contact;
            }
            await Task.Delay(50, Ct);
        }
    }
}
