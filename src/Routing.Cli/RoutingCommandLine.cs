using System.CommandLine;
using System.Runtime.InteropServices;
using Grpc.Core;
using Routing.Cli.Commands;
using Routing.Client.Agents;
using Spectre.Console;

namespace Routing.Cli;

/// <summary>The <c>routing</c> command line: builds the commands and runs one, turning failures into a
/// clear line and exit code 1.</summary>
public static class RoutingCommandLine
{
    /// <summary>The exit code of a command the user interrupted (Ctrl+C): the shell's own for SIGINT, so a script
    /// can tell an interrupted command from one that finished (0) or failed (1).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Runs <paramref name="args"/> writing to <paramref name="console"/> (the terminal when null).
    /// Ctrl+C, or <paramref name="cancellationToken"/>, stops the command quietly with <see cref="InterruptedExitCode"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var parse = Build(console).Parse(args);
        var output = new ConsoleWriter(console);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The first Ctrl+C asks the command to stop; a second one ends the process at once.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        });
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = output,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C is handled above, so that an interrupted command is told apart from a failed one.
                ProcessTerminationTimeout = null,
            }, interrupt.Token);
        }
        catch (Exception e) when (interrupt.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // The user stopped it: nothing went wrong, so nothing is reported.
            return InterruptedExitCode;
        }
        catch (Exception e) when (Describe(e, parse) is { } message)
        {
            // Raw, not wrapped at the terminal's width: the error stays one line.
            console.WriteRaw($"error: {message}");
            return 1;
        }
    }

    internal static RootCommand Build(IAnsiConsole console)
    {
        var root = new RootCommand("Routing: configure the centre, mint development tokens, make test calls, simulate agents and watch queues, over the gRPC edge.");
        CliOptions.AddTo(root);
        root.Add(ConfigCommands.Create(console));
        root.Add(TokenCommands.Create(console));
        root.Add(CallCommands.Create(console));
        root.Add(AgentCommands.Create(console));
        root.Add(WatchCommand.Create(console));
        root.Add(ClusterCommands.Create(console));
        root.Add(HistoryCommands.Create(console));
        root.Add(Commands.Reports.ReportCommands.Create(console));
        root.Add(Commands.Events.EventCommands.Create(console));
        root.Add(Commands.Events.WebhookCommands.Create(console));
        return root;
    }

    /// <summary>What to tell the user about a failure; null for bugs, which keep their stack trace.</summary>
    private static string? Describe(Exception e, ParseResult parse) => e switch
    {
        CliException cli => cli.Message,
        RpcException { StatusCode: StatusCode.Unavailable } rpc => Unavailable(rpc.Status.Detail, parse),
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        AgentCommandException { StatusCode: StatusCode.Unavailable } agent => Unavailable(agent.Message, parse),
        AgentCommandException agent => $"{agent.StatusCode}: {agent.Message}",
        OperationCanceledException => "cancelled",
        _ => null,
    };

    private static string Unavailable(string detail, ParseResult parse) =>
        $"Unavailable: no server answered at {string.Join(", ", parse.GetValue(CliOptions.Servers) ?? [])} ({detail}); " +
        $"is it running? --server (or {CliOptions.ServerVariable}) sets the address";
}
