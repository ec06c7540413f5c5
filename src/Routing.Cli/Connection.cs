using System.CommandLine;
using Microsoft.IdentityModel.JsonWebTokens;
using Routing.Client;
using Routing.Contracts.Security;

namespace Routing.Cli;

/// <summary>Makes the Routing.Client a command calls with, from the common options.</summary>
internal static class Connection
{
    /// <summary>Development tokens the command line mints live this long.</summary>
    public static readonly TimeSpan MintedLifetime = TimeSpan.FromHours(8);

    /// <summary>A client acting with <c>--token</c>, or else with a development token for the tenant,
    /// <paramref name="role"/> and <paramref name="agentId"/>.</summary>
    public static RoutingClient Open(ParseResult parse, string role, string? agentId = null, string? tenant = null)
    {
        var token = parse.GetValue(CliOptions.Token);
        if (string.IsNullOrEmpty(token))
        {
            token = DevTokens.Mint(CliOptions.SigningKeyOf(parse), tenant ?? parse.GetRequiredValue(CliOptions.Tenant), [role], agentId, MintedLifetime,
                subject: null, parse.GetValue(CliOptions.Permissions) ?? []);
        }
        var options = new RoutingClientOptions { Token = token };
        foreach (var server in parse.GetRequiredValue(CliOptions.Servers))
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var address))
            {
                throw new CliException($"--server '{server}' is not an address such as {CliOptions.DefaultServer}");
            }
            options.Addresses.Add(address);
        }
        try
        {
            return new RoutingClient(options);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Which tenant the command acts on, and how to change it: the tenant of <c>--token</c> (read, not
    /// verified: the server verifies it), else <c>--tenant</c>.</summary>
    public static string TenantHeader(ParseResult parse)
    {
        if (!HasExplicitToken(parse))
        {
            return $"tenant {parse.GetRequiredValue(CliOptions.Tenant)} (--tenant to change)";
        }
        var handler = new JsonWebTokenHandler();
        var token = parse.GetValue(CliOptions.Token)!;
        return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).TryGetPayloadValue<string>(EdgeClaims.Tenant, out var tenant)
            ? $"tenant {tenant} (from --token)"
            : "tenant of --token";
    }

    /// <summary>True when the caller gave a token, so per-tenant or per-agent tokens cannot be minted.</summary>
    public static bool HasExplicitToken(ParseResult parse) => !string.IsNullOrEmpty(parse.GetValue(CliOptions.Token));
}
