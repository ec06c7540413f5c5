using Microsoft.Extensions.Options;

namespace Routing.SipGateway.Cluster;

/// <summary>Refuses to start without an edge address and exactly one source of the token.</summary>
internal sealed class ClusterConnectionOptionsValidator : IValidateOptions<ClusterConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterConnectionOptions options)
    {
        var problems = new List<string>();
        if (options.Addresses.Count == 0)
        {
            problems.Add($"{ClusterConnectionOptions.SectionName}:Addresses needs the edge address of at least one server, e.g. http://127.0.0.1:5080");
        }
        foreach (var address in options.Addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{ClusterConnectionOptions.SectionName}:Addresses: '{address}' is not an absolute http:// or https:// URI");
            }
        }
        var hasToken = !string.IsNullOrWhiteSpace(options.Token);
        var hasFile = !string.IsNullOrWhiteSpace(options.TokenFile);
        if (hasToken == hasFile)
        {
            problems.Add($"{ClusterConnectionOptions.SectionName}: set exactly one of Token and TokenFile (a gateway-role token, e.g. from `routing token mint --role gateway`)");
        }
        else if (hasFile && !File.Exists(options.TokenFile))
        {
            problems.Add($"{ClusterConnectionOptions.SectionName}:TokenFile '{options.TokenFile}' does not exist");
        }
        if (options.CallTimeout <= TimeSpan.Zero || options.CallTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{ClusterConnectionOptions.SectionName}:CallTimeout must be more than 0 and at most 1 minute");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
