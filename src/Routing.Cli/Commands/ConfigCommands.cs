using System.CommandLine;
using System.Text.Json;
using Grpc.Core;
using Routing.Abstractions.Configuration;
using Routing.Configuration;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing config apply|show</c>: the centre configuration, in the file format the server loads at start-up.</summary>
internal static class ConfigCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var config = new Command("config", "Apply or show the routing configuration (queues, agents, skills, timers).");
        config.Add(Apply(console));
        config.Add(Show(console));
        return config;
    }

    private static Command Apply(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "A centre configuration file (JSON, the format of centre.sample.json)." };
        var apply = new Command("apply", "Validate and apply every tenant in a configuration file (idempotent).") { file };
        apply.SetAction(async (parse, cancellationToken) =>
        {
            var centre = Load(parse.GetRequiredValue(file));
            var table = new Table().AddColumns("Tenant", "Queues", "Agents", "Result");
            var failed = 0;
            foreach (var tenant in centre.Tenants)
            {
                // Each tenant needs its own admin token; an explicit --token works for its own tenant only.
                using var client = Connection.Open(parse, "admin", tenant: tenant.TenantId);
                try
                {
                    var result = await client.Admin.ApplyAsync(tenant.ToProto(), cancellationToken);
                    table.AddRow(Markup.Escape(tenant.TenantId), $"{result.Queues}", $"{result.Agents}", "[green]applied[/]");
                }
                catch (RpcException e) when (e.StatusCode is not StatusCode.Unavailable and not StatusCode.Unauthenticated)
                {
                    failed++;
                    table.AddRow(Markup.Escape(tenant.TenantId), $"{tenant.Queues.Length}", $"{tenant.Agents.Length}", $"[red]{e.StatusCode}[/]: {Markup.Escape(e.Status.Detail)}");
                }
            }
            console.Write(table);
            return failed == 0 ? 0 : 1;
        });
        return apply;
    }

    private static Command Show(IAnsiConsole console)
    {
        var show = new Command("show", "Print the tenant's configuration as a configuration file (feed it back to `config apply`).");
        show.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "admin");
            var proto = await client.Admin.GetAsync(cancellationToken);
            var problems = new List<string>();
            var centre = new CentreConfiguration { Tenants = [proto.ToRecord(problems)] };
            if (problems.Count > 0)
            {
                throw new CliException("the server's configuration could not be read: " + string.Join("; ", problems));
            }
            console.WriteRaw(JsonSerializer.Serialize(centre, CentreConfigurationFile.SerializerOptions));
            return 0;
        });
        return show;
    }

    private static CentreConfiguration Load(FileInfo file)
    {
        try
        {
            return CentreConfigurationFile.Load(file.FullName);
        }
        catch (CentreFileException e)
        {
            throw new CliException(e.Message, e);
        }
    }
}
