using Microsoft.Extensions.Options;
using Routing.Configuration;
using Routing.Core;
using Routing.Server.Centre;

namespace Routing.Server;

/// <summary>
/// Checks <see cref="RoutingServerOptions"/> at start-up and reports every problem at once: the centre
/// file exists and parses, and the demo's numbers are in range. The tenants' queues and agents are
/// checked by the tenant grains when the configuration is applied.
/// </summary>
public sealed class RoutingServerOptionsValidator : IValidateOptions<RoutingServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckCentreFile(options, problems);
        if (options.Demo is null)
        {
            problems.Add("Routing:Demo is missing");
        }
        else
        {
            problems.AddRange(options.Demo.Problems($"{RoutingServerOptions.SectionName}:Demo"));
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckCentreFile(RoutingServerOptions options, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(options.CentreFile))
        {
            problems.Add("Routing:CentreFile is missing");
            return;
        }
        try
        {
            var centre = CentreConfigurationFile.Load(options.CentreFilePath);
            if (centre.Tenants.Length == 0)
            {
                problems.Add($"centre file '{options.CentreFilePath}' defines no tenants");
            }
            foreach (var tenant in centre.Tenants)
            {
                if (EntityId.Problem("tenant", tenant.TenantId) is { } problem)
                {
                    problems.Add($"centre file '{options.CentreFilePath}': {problem}");
                }
            }
            foreach (var duplicate in centre.Tenants.GroupBy(t => t.TenantId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"centre file '{options.CentreFilePath}': tenant '{duplicate.Key}' is defined {duplicate.Count()} times");
            }
        }
        catch (CentreFileException e)
        {
            problems.Add(e.Message);
        }
    }
}
