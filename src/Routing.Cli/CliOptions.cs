using System.CommandLine;
using Routing.Contracts.Security;

namespace Routing.Cli;

/// <summary>Options every command takes: which server, and who the caller is.</summary>
internal static class CliOptions
{
    public const string ServerVariable = "ROUTING_SERVER";
    public const string TokenVariable = "ROUTING_TOKEN";
    public const string TenantVariable = "ROUTING_TENANT";
    public const string SigningKeyVariable = "ROUTING_SIGNING_KEY";
    public const string DefaultServer = "http://127.0.0.1:5080";

    public static readonly Option<string[]> Servers = new("--server", "-s")
    {
        Description = $"Edge address of a server; repeat for several servers of one cluster (env {ServerVariable}, default {DefaultServer}).",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => (Environment.GetEnvironmentVariable(ServerVariable) ?? DefaultServer)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = $"Bearer token to call with (env {TokenVariable}). Without one, a development token is minted with the signing key.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TokenVariable),
    };

    public static readonly Option<string> Tenant = new("--tenant", "-t")
    {
        Description = $"Tenant for minted development tokens (env {TenantVariable}, default acme).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TenantVariable) ?? "acme",
    };

    public static readonly Option<string?> SigningKey = new("--signing-key")
    {
        Description = $"Development signing key for minted tokens (env {SigningKeyVariable}; default: the key a fresh server ships with).",
        Recursive = true,
    };

    public static readonly Option<string[]> Permissions = new("--permission")
    {
        Description = $"Permission to add to minted development tokens; repeat for several: {string.Join(", ", EdgePermissions.All)} "
            + "(full customer numbers in reports and searches).",
        Recursive = true,
        DefaultValueFactory = _ => [],
    };

    /// <summary>The signing key: the option, else the environment, else the local development key.</summary>
    public static string SigningKeyOf(ParseResult parse) =>
        parse.GetValue(SigningKey) ?? Environment.GetEnvironmentVariable(SigningKeyVariable) ?? DevTokens.LocalDevelopmentKey;

    public static void AddTo(RootCommand root)
    {
        root.Add(Servers);
        root.Add(Token);
        root.Add(Tenant);
        root.Add(SigningKey);
        Permissions.AcceptOnlyFromAmong([.. EdgePermissions.All]);
        root.Add(Permissions);
    }
}
