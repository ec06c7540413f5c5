using System.CommandLine;
using Grpc.Core;
using Routing.Cli.Commands;
using Routing.Client.Agents;
using Spectre.Console;

namespace Routing.Cli;

/// <summary>The <c>routing</c> command line: builds the commands and runs one, turning failures into a
/// clear line and exit code 1.</summary>
public static class RoutingCommandLine
{
    /// <summary>Runs <paramref name="args"/> writing to <paramref name="console"/> (the terminal when null).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var root = Build(console);
        var output = new ConsoleWriter(console);
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = output,
                EnableDefaultExceptionHandler = false,
            }, cancellationToken);
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
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
        return root;
    }

    /// <summary>What to tell the user about a failure; null for bugs, which keep their stack trace.</summary>
    private static string? Describe(Exception e) => e switch
    {
        CliException cli => cli.Message,
        RpcException rpc when rpc.StatusCode == StatusCode.Unavailable => $"the server is unreachable or unavailable ({rpc.Status.Detail})",
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        AgentCommandException agent => $"{agent.StatusCode}: {agent.Message}",
        OperationCanceledException => "cancelled",
        _ => null,
    };
}
