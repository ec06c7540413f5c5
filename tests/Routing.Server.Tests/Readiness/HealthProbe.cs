using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Routing.Server.Probes;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Routing.Server.Tests.Readiness;

/// <summary>Asks a server's gRPC health service what a Kubernetes probe would: readiness or liveness, no token.</summary>
internal static class HealthProbe
{
    public static async Task<ServingStatus> ReadinessAsync(GrpcChannel channel) => await StatusAsync(channel, ServerHealthChecks.ReadinessService);

    public static async Task<ServingStatus> LivenessAsync(GrpcChannel channel) => await StatusAsync(channel, ServerHealthChecks.LivenessService);

    public static async Task<ServingStatus> StatusAsync(GrpcChannel channel, string service)
    {
        var response = await new Grpc.Health.V1.Health.HealthClient(channel)
            .CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(10));
        return response.Status;
    }

    /// <summary>Polls readiness until it is <paramref name="expected"/> (nothing pushes a storage outage to the
    /// server; the check asks at each probe, as the kubelet does), failing after <paramref name="timeout"/>.</summary>
    public static async Task WaitReadinessAsync(GrpcChannel channel, ServingStatus expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = ServingStatus.Unknown;
        while (DateTime.UtcNow < deadline)
        {
            last = await ReadinessAsync(channel);
            if (last == expected)
            {
                return;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"readiness stayed {last}, expected {expected} within {timeout.TotalSeconds:0} s");
    }

    /// <summary>True when the call failed because nothing answers on the channel's address any more.</summary>
    public static bool Refused(RpcException e) => e.StatusCode is StatusCode.Unavailable or StatusCode.Internal;
}
