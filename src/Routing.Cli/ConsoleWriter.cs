using System.Text;
using Spectre.Console;

namespace Routing.Cli;

/// <summary>Sends System.CommandLine's own output (help, parse errors) to the Spectre console, so both
/// go to the same place (a test console in tests).</summary>
internal sealed class ConsoleWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    // Written as is: System.CommandLine lays out help text itself.
    public override void Write(char value) => console.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => console.Profile.Out.Writer.Write(value);

    public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value);
}
