using Microsoft.Extensions.Options;
using Routing.Configuration;
using Routing.Core;
using Routing.Server.Centre;
using Routing.Server.Demo;

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
            CheckDemo(options.Demo, problems);
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

    private static void CheckDemo(DemoOptions demo, List<string> problems)
    {
        if (demo.Agents is < 1)
        {
            problems.Add("Routing:Demo:Agents must be at least 1 (leave it out for all agents)");
        }
        if (!(demo.ArrivalsPerSecond > 0 && demo.ArrivalsPerSecond <= DemoOptions.MaxArrivalsPerSecond))
        {
            problems.Add($"Routing:Demo:ArrivalsPerSecond must be more than 0 and at most {DemoOptions.MaxArrivalsPerSecond}");
        }
        CheckShare("HangupShare", demo.HangupShare, problems);
        CheckShare("AcceptShare", demo.AcceptShare, problems);
        CheckShare("RejectShare", demo.RejectShare, problems);
        if (demo.AcceptShare + demo.RejectShare > 1)
        {
            problems.Add("Routing:Demo:AcceptShare + RejectShare must be at most 1 (the rest of the offers time out)");
        }
        CheckRange("Patience", demo.Patience, problems);
        CheckRange("TalkTime", demo.TalkTime, problems);
        CheckRange("WrapUp", demo.WrapUp, problems);
    }

    private static void CheckShare(string name, double share, List<string> problems)
    {
        if (!(share is >= 0 and <= 1))
        {
            problems.Add($"Routing:Demo:{name} must be between 0 and 1");
        }
    }

    private static void CheckRange(string name, DurationRange? range, List<string> problems)
    {
        if (range is null)
        {
            problems.Add($"Routing:Demo:{name} is missing");
        }
        else if (range.Problem($"Routing:Demo:{name}") is { } problem)
        {
            problems.Add(problem);
        }
    }
}
