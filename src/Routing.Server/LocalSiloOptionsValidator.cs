using Microsoft.Extensions.Options;

namespace Routing.Server;

/// <summary>Stops start-up with every problem of <see cref="LocalSiloOptions"/>.</summary>
public sealed class LocalSiloOptionsValidator : IValidateOptions<LocalSiloOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
