using Routing.Cli;
using Routing.Server.Tests.Infrastructure;
using Spectre.Console.Testing;

namespace Routing.Server.Tests.Cli;

/// <summary>Runs the <c>routing</c> command line in-process against the test server and captures what it prints.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output)> Routing(EdgeFixture fixture, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var console = new TestConsole().Width(200);
        string[] all = ["--server", fixture.Address.ToString(), "--signing-key", fixture.SigningKey, .. args];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var exit = await RoutingCommandLine.RunAsync(all, console, timeout.Token);
        return (exit, console.Output);
    }
}
