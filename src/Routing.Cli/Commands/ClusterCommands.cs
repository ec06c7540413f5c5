using System.CommandLine;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing cluster status</c>: the silos of the cluster and the grains each one holds.</summary>
internal static class ClusterCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var cluster = new Command("cluster", "Look at the cluster's silos.");
        var allTenants = new Option<bool>("--all-tenants")
        {
            Description = "Count every tenant's grains (needs role operator; the minted development token gets it). Without it, an admin sees its own tenant's.",
        };
        var status = new Command("status", "List the silos (membership status) and how many agents, queues and interactions each holds.") { allTenants };
        status.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, parse.GetValue(allTenants) ? "operator" : "admin");
            var reply = await client.Admin.GetClusterStatusAsync(cancellationToken);
            console.MarkupLine(reply.TenantId.Length == 0
                ? "grains of every tenant"
                : $"grains of tenant [bold]{Markup.Escape(reply.TenantId)}[/] (--tenant to change, --all-tenants for every tenant)");
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
