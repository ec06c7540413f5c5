using Routing.Server.Runtime;

namespace Routing.Server.Tests.Startup;

/// <summary>The start-up check reads the young-generation budget as the runtime does (a hexadecimal byte count in
/// DOTNET_GCgen0size, else COMPlus_GCgen0size) and asks for attention when it is left to the runtime or too large.</summary>
public sealed class YoungGenerationBudgetTests
{
    [Theory]
    [InlineData("0x800000", 8L * 1024 * 1024)]
    [InlineData("800000", 8L * 1024 * 1024)]
    [InlineData(" 0X2000000 ", 32L * 1024 * 1024)]
    public void Configured_HexadecimalValue_IsTheBudgetInBytes(string value, long bytes) =>
        Assert.Equal(bytes, YoungGenerationBudget.Configured(name => name == "DOTNET_GCgen0size" ? value : null));

    [Fact]
    public void Configured_OnlyTheOldPrefix_IsRead() =>
        Assert.Equal(0x400000, YoungGenerationBudget.Configured(name => name == "COMPlus_GCgen0size" ? "400000" : null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8MiB")]
    [InlineData("0x0")]
    public void Configured_MissingOrNotAHexadecimalCount_IsLeftToTheRuntime(string? value) =>
        Assert.Null(YoungGenerationBudget.Configured(_ => value));

    [Fact]
    public void NeedsAttention_TheImageBudget_No_UnsetOrAbove32MiB_Yes()
    {
        Assert.False(YoungGenerationBudget.NeedsAttention(YoungGenerationBudget.Recommended));
        Assert.True(YoungGenerationBudget.NeedsAttention(null));
        Assert.True(YoungGenerationBudget.NeedsAttention(64L * 1024 * 1024));
    }
}
