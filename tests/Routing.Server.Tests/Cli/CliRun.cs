using System.Text;
using Routing.Cli;
using Routing.Server.Tests.Infrastructure;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Routing.Server.Tests.Cli;

/// <summary>Runs the <c>routing</c> command line in-process against the test server and captures what it prints.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output)> Routing(EdgeFixture fixture, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await Anywhere(["--server", fixture.Address.ToString(), "--signing-key", fixture.SigningKey, .. args]);
    }

    /// <summary>Runs against the server at <paramref name="address"/> with development tokens signed by <paramref name="signingKey"/>.</summary>
    public static Task<(int ExitCode, string Output)> Routing(Uri address, string signingKey, params string[] args) =>
        Anywhere(["--server", address.ToString(), "--signing-key", signingKey, .. args]);

    /// <summary>Runs <paramref name="args"/> as given: no server or key is added.</summary>
    public static async Task<(int ExitCode, string Output)> Anywhere(params string[] args)
    {
        var console = new TestConsole().Width(200);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var exit = await RoutingCommandLine.RunAsync(args, console, timeout.Token);
        return (exit, console.Output);
    }

    /// <summary>Runs a command that goes on until stopped (<c>watch</c>), and stops it as Ctrl+C does once it has
    /// printed <paramref name="awaited"/>; fails if that does not come within 30 s.</summary>
    public static Task<(int ExitCode, string Output)> RoutingUntil(EdgeFixture fixture, string awaited, params string[] args) =>
        RoutingUntilAll(fixture, [awaited], args);

    /// <summary>Runs a long-lived command until every one of <paramref name="awaited"/> was printed (lines of a stream
    /// arrive in no fixed order), then interrupts it as Ctrl+C would.</summary>
    public static async Task<(int ExitCode, string Output)> RoutingUntilAll(EdgeFixture fixture, string[] awaited, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var output = new WatchedWriter(awaited);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = RoutingCommandLine.RunAsync(["--server", fixture.Address.ToString(), "--signing-key", fixture.SigningKey, .. args], console, stop.Token);
        var printed = await Task.WhenAny(output.Seen, run, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(printed == output.Seen, $"'{string.Join("', '", awaited)}' was not all printed within 30 s:{Environment.NewLine}{output}");
        await stop.CancelAsync();
        return (await run, output.ToString());
    }

    /// <summary>Keeps what is written and completes <see cref="Seen"/> once it contains the awaited text.</summary>
    private sealed class WatchedWriter(string[] awaited) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();

        public Task Seen => _seen.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
                Check();
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }

        private void Check()
        {
            var text = GetStringBuilder().ToString();
            if (!_seen.Task.IsCompleted && awaited.All(a => text.Contains(a, StringComparison.Ordinal)))
            {
                _seen.TrySetResult();
            }
        }
    }
}
