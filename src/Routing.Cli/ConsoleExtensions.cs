using Spectre.Console;

namespace Routing.Cli;

internal static class ConsoleExtensions
{
    /// <summary>Writes <paramref name="text"/> as is: no markup, no wrapping at the terminal width, so
    /// tokens and JSON can be captured or piped.</summary>
    public static void WriteRaw(this IAnsiConsole console, string text)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(text);
        writer.Flush();
    }
}
