using System.Text.RegularExpressions;

namespace Routing.Server.Cluster;

/// <summary>Azure Table storage's rule for table names, checked with the other settings so a bad name stops
/// start-up with one line instead of an error from the service once the silo starts.</summary>
internal static partial class AzureTableNames
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>3–63 letters or digits starting with a letter; "tables" is reserved.</summary>
    public static bool IsValid(string? name) =>
        name is not null && Pattern().IsMatch(name) && !string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase);
}
