using Xunit;

namespace Routing.Core.Tests;

/// <summary>The names stored history entries and clients carry: one per cause, read back to the same cause.</summary>
public sealed class AgentCauseNamesTests
{
    [Fact]
    public void EveryCause_HasANameOfItsOwn_ThatReadsBackToIt()
    {
        var causes = Enum.GetValues<AgentCause>();

        Assert.Equal(causes.Length, causes.Select(c => c.ToWireName()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(causes, c => Assert.Equal(c, AgentCauseNames.FromWireName(c.ToWireName())));
    }

    // Entries stored before the enum hold exactly these strings: a changed name would no longer read.
    [Theory]
    [InlineData(AgentCause.Login, "login")]
    [InlineData(AgentCause.NotReady, "not-ready")]
    [InlineData(AgentCause.SessionExpired, "session-expired")]
    [InlineData(AgentCause.RemovedFromConfiguration, "removed-from-configuration")]
    [InlineData(AgentCause.WrapUp, "wrap-up")]
    [InlineData(AgentCause.ReleasedTimedOut, "released-timedout")]
    [InlineData(AgentCause.ReleasedWithdrawn, "released-withdrawn")]
    [InlineData(AgentCause.ReleasedStale, "released-stale-reservation")]
    [InlineData(AgentCause.ReleasedUnclaimed, "released-unclaimed")]
    public void Name_AsStoredBeforeTheEnum_ReadsAsItsCause(AgentCause cause, string name)
    {
        Assert.Equal(name, cause.ToWireName());
        Assert.Equal(cause, AgentCauseNames.FromWireName(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("LOGIN")]
    [InlineData("released-")]
    [InlineData("released-timed-out")]
    public void UnrecognisedName_ReadsAsUnknown(string? name) =>
        Assert.Equal(AgentCause.Unknown, AgentCauseNames.FromWireName(name));

    [Fact]
    public void NumberNoMemberNames_IsNamedUnknown() =>
        Assert.Equal("unknown", ((AgentCause)999).ToWireName());
}
