using Xunit;

namespace Routing.Core.Tests;

public sealed class InteractionStatusTests
{
    [Theory]
    [InlineData(InteractionStatus.Completed)]
    [InlineData(InteractionStatus.Abandoned)]
    [InlineData(InteractionStatus.Overflowed)]
    [InlineData(InteractionStatus.Rejected)]
    public void IsFinal_TerminalStatus_True(InteractionStatus status) => Assert.True(status.IsFinal());

    [Theory]
    [InlineData(InteractionStatus.None)]
    [InlineData(InteractionStatus.Queued)]
    [InlineData(InteractionStatus.Offered)]
    [InlineData(InteractionStatus.Connected)]
    [InlineData(InteractionStatus.WrapUp)]
    public void IsFinal_StatusThatCanStillChange_False(InteractionStatus status) => Assert.False(status.IsFinal());

    [Fact]
    public void IsFinal_UndefinedValue_False() => Assert.False(((InteractionStatus)99).IsFinal());

    [Fact]
    public void Default_None() => Assert.Equal(InteractionStatus.None, default);
}
