using Microsoft.Extensions.Options;

namespace Routing.Server.Edge.Limits;

/// <summary>Size limits of the gRPC edge (section <c>Routing:Edge:Limits</c>).</summary>
public sealed class EdgeLimitsOptions
{
    public const string SectionName = "Routing:Edge:Limits";

    /// <summary>48 MiB: a tenant of 200,000 agents is about 30 MB of protobuf.</summary>
    public const int DefaultMaxConfigurationBytes = 48 * 1024 * 1024;

    /// <summary>Largest AdminService request or response message (a whole configuration), in bytes. Only callers
    /// with the admin role may send a body this large; every other call keeps the 64 KiB message limit.</summary>
    public int MaxConfigurationBytes { get; set; } = DefaultMaxConfigurationBytes;
}

/// <summary>Refuses limits below the ordinary message limit or beyond what one protobuf message can hold.</summary>
internal sealed class EdgeLimitsOptionsValidator : IValidateOptions<EdgeLimitsOptions>
{
    /// <summary>Protobuf messages are limited to 2 GiB; half of that is already far beyond any configuration.</summary>
    public const int MaxConfigurationBytesCeiling = 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, EdgeLimitsOptions options) =>
        options.MaxConfigurationBytes is < RoutingServerHost.MaxReceiveMessageSize or > MaxConfigurationBytesCeiling
            ? ValidateOptionsResult.Fail(
                $"{EdgeLimitsOptions.SectionName}:MaxConfigurationBytes is {options.MaxConfigurationBytes}; it must be between {RoutingServerHost.MaxReceiveMessageSize} and {MaxConfigurationBytesCeiling}")
            : ValidateOptionsResult.Success;
}
