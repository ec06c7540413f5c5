using System.CommandLine;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing cluster status</c>: the silos of the cluster and the grains each one holds.</summary>
internal static class ClusterCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var cluster = new Command("cluster", "Look at the cluster's silos.");
        var status = new Command("status", "List the silos (membership status) and how many agents, queues and interactions each holds.");
        status.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "admin");
            var reply = await client.Admin.GetClusterStatusAsync(cancellationToken);
            var table = new Table().AddColumns("Silo", "Status", "Agents", "Queues", "Interactions", "Activations");
            foreach (var silo in reply.Silos)
            {
                table.AddRow(Markup.Escape(silo.Address), Markup.Escape(silo.Status), $"{silo.Agents}", $"{silo.Queues}", $"{silo.Interactions}", $"{silo.Activations}");
            }
            console.Write(table);
            return 0;
        });
        cluster.Add(status);
        return cluster;
    }
}
