using System.Globalization;

namespace Routing.Server.Runtime;

/// <summary>
/// How much the process allocates between two collections of the youngest generation, and whether that budget keeps
/// routing's pauses short. Each collection stops every thread for as long as it takes to mark and move what survived
/// (the interactions in flight, their grains and streams). Left to itself the runtime sizes the budget from the
/// processor's last-level cache, and on virtual machines that report hundreds of MiB of cache it picks 80 MiB or more:
/// then every collection condemns generation 1 as well and stops routing for 100–200 ms at 10,000 agents
/// (benchmarks/README.md, "Garbage collection"). Eight MiB makes collections ten times as frequent and each a fifth as
/// long, for the same CPU. The runtime reads the budget only from the <c>DOTNET_GCgen0size</c> environment variable (a
/// hexadecimal byte count; runtimeconfig.json has no key for it, and the runtime does not report it back), so the
/// container image sets it and this check reads the variable to tell an operator who starts the server another way.
/// </summary>
internal static class YoungGenerationBudget
{
    /// <summary>The budget the image sets: <c>DOTNET_GCgen0size=0x800000</c>.</summary>
    public const long Recommended = 8 * 1024 * 1024;

    /// <summary>Above this the pauses grow past what a waiting caller's offer should wait.</summary>
    public const long Largest = 32 * 1024 * 1024;

    private static readonly string[] Variables = ["DOTNET_GCgen0size", "COMPlus_GCgen0size"];

    /// <summary>The budget set for this process, in bytes, or null when the runtime sizes it itself (or the value is
    /// not a hexadecimal number, which the runtime ignores too).</summary>
    public static long? Configured(Func<string, string?> environment)
    {
        foreach (var name in Variables)
        {
            var value = environment(name)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            var digits = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
            return long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : null;
        }
        return null;
    }

    /// <summary>Whether a configured budget (null: the runtime's own) needs an operator's attention.</summary>
    public static bool NeedsAttention(long? configured) => configured is not { } bytes || bytes > Largest;
}
