using Grpc.Core;

namespace Routing.Client;

/// <summary>Which failures are worth trying again: the server or the connection went away. Anything else
/// (bad input, no permission, not found) would fail the same way again.</summary>
internal static class Transient
{
    public static bool Is(StatusCode code) => code is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted;
}
