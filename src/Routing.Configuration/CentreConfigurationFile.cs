using System.Text.Json;
using System.Text.Json.Serialization;
using Routing.Abstractions.Configuration;
using Routing.Core;

namespace Routing.Configuration;

/// <summary>
/// Reads a centre configuration file: a <see cref="CentreConfiguration"/> as JSON with camelCase
/// property names, enums as strings (<c>"LongestIdle"</c>) and durations as <c>"00:00:15"</c>.
/// Comments and trailing commas are allowed; unknown properties are refused, so a misspelt setting
/// is reported instead of silently taking its default.
/// </summary>
public static class CentreConfigurationFile
{
    /// <summary>How the file is read (and how to write one).</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
    };

    /// <summary>What a valid value looks like, for the types people most often get wrong.</summary>
    private static readonly (Type Type, string Hint)[] Hints =
    [
        (typeof(TimeSpan), "a duration such as \"00:00:15\" (hours:minutes:seconds)"),
        (typeof(SelectionStrategy), $"one of {string.Join(", ", Enum.GetNames<SelectionStrategy>())}"),
        (typeof(Channel), $"one of {string.Join(", ", Enum.GetNames<Channel>())}"),
    ];

    /// <summary>Loads and parses <paramref name="path"/>.</summary>
    /// <exception cref="CentreFileException">The file is missing, unreadable or not a centre configuration.</exception>
    public static CentreConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new CentreFileException($"centre file '{path}' does not exist");
        }
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<CentreConfiguration>(stream, SerializerOptions)
                ?? throw new CentreFileException($"centre file '{path}' holds null instead of a centre configuration");
        }
        catch (JsonException e)
        {
            throw new CentreFileException(Describe(path, e), e);
        }
        catch (IOException e)
        {
            throw new CentreFileException($"centre file '{path}' cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CentreFileException($"centre file '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Says where the JSON went wrong in terms a person editing the file can use (1-based
    /// line and column) without the serializer's own 0-based position suffix.</summary>
    private static string Describe(string path, JsonException e)
    {
        var reason = e.Message;
        var suffix = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix > 0)
        {
            reason = reason[..suffix];
        }
        var where = e.LineNumber is { } line
            ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}"
            : string.Empty;
        var jsonPath = string.IsNullOrEmpty(e.Path) ? string.Empty : $" ({e.Path})";
        return $"centre file '{path}' is not valid{where}{jsonPath}: {reason}{Hint(reason)}";
    }

    /// <summary>What a value of the type the serializer could not convert to looks like.</summary>
    private static string Hint(string reason)
    {
        foreach (var (type, hint) in Hints)
        {
            if (reason.EndsWith($"converted to {type.FullName}.", StringComparison.Ordinal))
            {
                return $" Expected {hint}.";
            }
        }
        return string.Empty;
    }
}
