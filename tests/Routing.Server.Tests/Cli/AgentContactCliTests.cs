using Routing.Server.Tests.Gateway;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Cli;

/// <summary><c>routing agents contact</c>: an operator reads, sets and clears where an agent's phone registered.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AgentContactCliTests(EdgeFixture fixture)
{
    private const string Desk = "sip:ann@192.0.2.10:5062";

    [Fact]
    public async Task AgentsContact_SetReadThenClear_PrintsTheContactTheServerKeeps()
    {
        using var centre = await GatewayCentre.Configured(fixture);

        var (noneExit, none) = await Contact(centre, "ann");
        var (setExit, set) = await Contact(centre, "ann", "--set", Desk, "--expires", "00:30:00");
        var stored = await centre.ContactOf("ann");
        var (readExit, read) = await Contact(centre, "ann");
        var (clearExit, cleared) = await Contact(centre, "ann", "--clear");

        Assert.Equal((0, 0, 0, 0), (noneExit, setExit, readExit, clearExit));
        Assert.Contains("ann no registered contact", none, StringComparison.Ordinal);
        Assert.Equal(Desk, stored.ContactUri);
        Assert.InRange(stored.ExpiresAt.ToDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.Contains($"ann {Desk} until {stored.ExpiresAt.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss}Z", set, StringComparison.Ordinal);
        Assert.Contains($"ann {Desk} until", read, StringComparison.Ordinal);
        Assert.Contains("ann no registered contact", cleared, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await centre.ContactOf("ann")).ContactUri);
    }

    [Fact]
    public async Task AgentsContact_BadUse_OneLineSayingWhy_AndTheContactKept()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        await centre.Register("ann", Desk, TimeSpan.FromHours(1));
        var cases = new (string[] Args, string Says)[]
        {
            (["ann", "--set", "sip:ann@203.0.113.9", "--clear"], "give --set or --clear, not both"),
            (["ann", "--expires", "00:10:00"], "--expires goes with --set"),
            (["ann", "--set", "http://203.0.113.9/ann"], "InvalidArgument: contact_uri must be a sip:, sips: or tel: URI"),
            (["ann", "--set", "sip:ann@203.0.113.9", "--expires", "2.00:00:00"], "InvalidArgument: expires_at must be within the next 24 hours"),
            (["nobody"], "NotFound: agent 'nobody' is not configured"),
        };

        foreach (var (args, says) in cases)
        {
            var (exit, output) = await Contact(centre, args);
            Assert.Equal(1, exit);
            Assert.Contains($"error: {says}", output, StringComparison.Ordinal);
        }

        Assert.Equal(Desk, (await centre.ContactOf("ann")).ContactUri);
    }

    private Task<(int ExitCode, string Output)> Contact(GatewayCentre centre, params string[] args) =>
        CliRun.Routing(fixture, ["--tenant", centre.Tenant, "agents", "contact", .. args]);
}
