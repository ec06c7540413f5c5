using Xunit;

namespace Routing.Core.Tests;

public sealed class PresenceTests
{
    // A newly created agent must not be routable until it makes itself available.
    [Fact]
    public void Default_Offline() => Assert.Equal(Presence.Offline, default(Presence));
}
