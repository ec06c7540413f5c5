using System.CommandLine;
using Routing.Cli.Commands.Reports;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing agents contact &lt;agent&gt; [--set &lt;uri&gt; [--expires &lt;duration&gt;] | --clear]</c>: where the agent's
/// phone registered (RegistrationService, role gateway), so an operator can see (or set, as a registrar would) the
/// contact that offers ring before the agent's configured endpoint.</summary>
internal static class AgentContactCommand
{
    /// <summary>A registration's lifetime when --expires is not given: a phone's usual REGISTER Expires.</summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public static Command Create(IAnsiConsole console)
    {
        var agent = new Argument<string>("agent") { Description = "The agent's id." };
        var set = new Option<string?>("--set") { Description = "Record this contact (a sip:, sips: or tel: URI), as a registrar does on REGISTER." };
        var expires = new Option<TimeSpan?>("--expires") { Description = "With --set: how long the registration lasts, e.g. 00:30:00 (default 1 h, at most 24 h)." };
        var clear = new Option<bool>("--clear") { Description = "Remove the registration (the phone unregistered); offers go to the configured endpoint." };
        var command = new Command("contact", "Where the agent's phone registered (role gateway): print it, or --set / --clear it.") { agent, set, expires, clear };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (uri, lifetime, clearing) = (parse.GetValue(set), parse.GetValue(expires), parse.GetValue(clear));
            if (Problem(uri, lifetime, clearing) is { } problem)
            {
                throw new CliException(problem);
            }
            var agentId = parse.GetRequiredValue(agent);
            using var client = Connection.Open(parse, EdgeRoles.Gateway);
            var contact = (uri, clearing) switch
            {
                ({ } contactUri, _) => await client.Registration.SetAgentContactAsync(agentId, contactUri, DateTimeOffset.UtcNow + (lifetime ?? DefaultLifetime), cancellationToken),
                (null, true) => await client.Registration.ClearAgentContactAsync(agentId, cancellationToken),
                _ => await client.Registration.GetAgentContactAsync(agentId, cancellationToken),
            };
            console.MarkupLine(Describe(contact));
            return 0;
        });
        return command;
    }

    private static string? Problem(string? uri, TimeSpan? lifetime, bool clearing) =>
        uri is not null && clearing ? "give --set or --clear, not both"
        : lifetime is not null && uri is null ? "--expires goes with --set"
        : null;

    private static string Describe(AgentContact contact) => contact.ContactUri.Length == 0
        ? $"{Markup.Escape(contact.AgentId)} [grey]no registered contact: offers go to the configured endpoint[/]"
        : $"{Markup.Escape(contact.AgentId)} [bold]{Markup.Escape(contact.ContactUri)}[/] [grey]until {ReportOptions.Text(contact.ExpiresAt)}[/]";
}
