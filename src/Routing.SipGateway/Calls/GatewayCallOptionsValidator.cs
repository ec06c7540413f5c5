using Microsoft.Extensions.Options;

namespace Routing.SipGateway.Calls;

internal sealed class GatewayCallOptionsValidator : IValidateOptions<GatewayCallOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayCallOptions options)
    {
        var problems = new List<string>();
        var section = GatewayCallOptions.SectionName;
        if (options.QueuedRefresh < TimeSpan.FromSeconds(1) || options.QueuedRefresh > TimeSpan.FromSeconds(170))
        {
            problems.Add($"{section}:QueuedRefresh must be 1–170 seconds (under the 3 minutes a proxy's Timer C waits)");
        }
        if (options.QueueFullStatus is not (486 or 503))
        {
            problems.Add($"{section}:QueueFullStatus must be 486 or 503");
        }
        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > TimeSpan.FromHours(1))
        {
            problems.Add($"{section}:RetryAfter must be 1 second to 1 hour");
        }
        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{section}:DrainTimeout must be 0 to 10 minutes");
        }
        if (options.MaxCalls is < 1 or > 1_000_000)
        {
            problems.Add($"{section}:MaxCalls must be 1–1,000,000");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
