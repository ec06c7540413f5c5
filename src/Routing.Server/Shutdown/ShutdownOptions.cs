using Microsoft.Extensions.Options;

namespace Routing.Server.Shutdown;

/// <summary>
/// How the server stops on SIGTERM (section <c>Routing:Shutdown</c>): readiness turns NOT_SERVING and agent streams
/// end with UNAVAILABLE at once; the edge keeps answering for <see cref="DrainDelay"/> while load balancers stop
/// sending to it; then the edge stops taking connections, and the silo leaves the cluster gracefully (its grains
/// deactivate, their state is written, membership marks it Dead) within <see cref="Timeout"/>.
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Routing:Shutdown";

    /// <summary>How long the edge keeps serving after SIGTERM, readiness already NOT_SERVING, before it stops taking
    /// new connections. 0 by default: Kubernetes' preStop hook does this wait before SIGTERM (see deploy/k8s);
    /// set it behind a load balancer that only learns from readiness probes.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the edge and the silo have to stop after the drain delay; past it the silo stops without
    /// handing over (as after a crash: recovery takes over). Keep the pod's terminationGracePeriodSeconds above
    /// preStop + <see cref="DrainDelay"/> + this.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these options; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (DrainDelay < TimeSpan.Zero || DrainDelay > TimeSpan.FromMinutes(5))
        {
            yield return $"{SectionName}:{nameof(DrainDelay)} must be between 00:00:00 and 00:05:00 (is {DrainDelay})";
        }
        if (Timeout < TimeSpan.FromSeconds(5) || Timeout > TimeSpan.FromMinutes(30))
        {
            yield return $"{SectionName}:{nameof(Timeout)} must be between 00:00:05 and 00:30:00 (is {Timeout})";
        }
    }
}

/// <summary>Stops start-up with every problem of <see cref="ShutdownOptions"/>.</summary>
public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
