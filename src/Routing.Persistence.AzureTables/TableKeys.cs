using System.Globalization;
using System.Text;

namespace Routing.Persistence.AzureTables;

/// <summary>Builds PartitionKey / RowKey values that Azure Table storage accepts.</summary>
/// <remarks>Keys may not contain '/', '\', '#', '?' or control characters, and are at most 1 KiB.
/// Every character outside a small ASCII set is percent-encoded (UTF-8 bytes as %XX; a lone surrogate as
/// %uXXXX), and '%' itself is encoded, so the mapping is injective: two different ids never share a key.
/// '|' is always encoded too, which makes it a safe separator between escaped parts.</remarks>
internal static class TableKeys
{
    public const int MaxKeyLength = 1024;

    private const char Separator = '|';

    /// <summary>PartitionKey: service id and grain id, so several deployments can share one table.</summary>
    public static string PartitionKey(string serviceId, string grainId) =>
        Checked(Escape(serviceId) + Separator + Escape(grainId), "PartitionKey", grainId);

    /// <summary>RowKey: the state name, so one grain can keep several named states in its partition.</summary>
    public static string RowKey(string stateName, string grainId) =>
        Checked(Escape(stateName), "RowKey", grainId);

    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsSafe(c))
            {
                builder.Append(c);
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                AppendBytes(builder, utf8[..Encoding.UTF8.GetBytes(value.AsSpan(i, 2), utf8)]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append("%u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                AppendBytes(builder, utf8[..Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8)]);
            }
        }
        return builder.ToString();
    }

    private static bool IsSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '@' or ':' or '+' or '=' or ',' or ';' or '!' or '$' or '&' or '(' or ')' or '*';

    private static void AppendBytes(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    private static string Checked(string key, string which, string grainId) =>
        key.Length <= MaxKeyLength
            ? key
            : throw new AzureTableGrainStorageException(
                $"The {which} for grain {grainId} is {key.Length} characters after escaping; Azure Table keys are limited to {MaxKeyLength}.");
}
