using System.CommandLine;
using Routing.Contracts.Security;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing token mint</c>: development tokens for tools and test apps.</summary>
internal static class TokenCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var roles = new Option<string[]>("--role", "-r")
        {
            Description = "Role to grant; repeat for several: agent, gateway, supervisor, admin, operator, integration.",
            Required = true,
        };
        roles.AcceptOnlyFromAmong([.. EdgeRoles.All]);
        var agent = new Option<string?>("--agent", "-a") { Description = "The agent the token acts as (required with role agent)." };
        var lifetime = new Option<TimeSpan>("--lifetime")
        {
            Description = "How long the token is valid, e.g. 08:00:00.",
            DefaultValueFactory = _ => Connection.MintedLifetime,
        };
        var mint = new Command("mint", "Print a token signed with the development key (never valid on a production server).") { roles, agent, lifetime };
        mint.SetAction(parse =>
        {
            var granted = parse.GetRequiredValue(roles);
            var agentId = parse.GetValue(agent);
            if (granted.Contains(EdgeRoles.Agent, StringComparer.Ordinal) && string.IsNullOrEmpty(agentId))
            {
                throw new CliException("role agent needs --agent: an agent token acts as one agent");
            }
            var validFor = parse.GetValue(lifetime);
            if (validFor <= TimeSpan.Zero)
            {
                throw new CliException("--lifetime must be positive");
            }
            // Plain output so `$(routing token mint ...)` captures just the token.
            console.WriteRaw(DevTokens.Mint(CliOptions.SigningKeyOf(parse), parse.GetRequiredValue(CliOptions.Tenant), granted, agentId, validFor,
                subject: null, parse.GetValue(CliOptions.Permissions) ?? []));
            return 0;
        });
        var token = new Command("token", "Development tokens.");
        token.Add(mint);
        return token;
    }
}
