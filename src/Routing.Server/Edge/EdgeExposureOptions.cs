using Microsoft.Extensions.Options;

namespace Routing.Server.Edge;

/// <summary>Who may list the edge's services over gRPC reflection.</summary>
public enum ReflectionAccess
{
    /// <summary>Reflection is not served.</summary>
    Off,

    /// <summary>Any caller with a valid token (any role) may list the services.</summary>
    Authenticated,

    /// <summary>Anyone who reaches the port; Development only.</summary>
    Anonymous,
}

/// <summary>
/// What the edge serves besides its four services (section <c>Routing:Edge</c>). Both are off by default
/// and on in the Development environment (appsettings.Development.json), where tools such as grpcurl and
/// the browser need them.
/// </summary>
public sealed class EdgeExposureOptions
{
    public const string SectionName = "Routing:Edge";

    /// <summary>gRPC reflection: off, for authenticated callers, or (Development only) for anyone.</summary>
    public ReflectionAccess Reflection { get; set; } = ReflectionAccess.Off;

    /// <summary>gRPC-Web (gRPC over HTTP/1.1, for browsers) on every service.</summary>
    public bool GrpcWeb { get; set; }
}

/// <summary>Refuses anonymous reflection outside the Development environment.</summary>
public sealed class EdgeExposureOptionsValidator(IHostEnvironment environment) : IValidateOptions<EdgeExposureOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeExposureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Reflection))
        {
            return ValidateOptionsResult.Fail($"{EdgeExposureOptions.SectionName}:Reflection must be one of {string.Join(", ", Enum.GetNames<ReflectionAccess>())}");
        }
        return options.Reflection == ReflectionAccess.Anonymous && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail($"{EdgeExposureOptions.SectionName}:Reflection=Anonymous lists every service to anyone and works only in the Development environment; use Authenticated or Off (this server runs as '{environment.EnvironmentName}')")
            : ValidateOptionsResult.Success;
    }
}
