using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Routing.Contracts.Security;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Admin;

/// <summary>
/// A server of its own for the configuration-apply tests: they apply tenants of thousands of queues and
/// agents and make grain calls fail, which must not disturb the shared edge server. A configure call to a
/// grain whose key is in <see cref="FailingConfigures"/> fails as a timed-out call would.
/// </summary>
public sealed class ConfigurationApplyServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-apply-{Guid.NewGuid():N}");
    private readonly string _signingKey = $"test-signing-key-{Guid.NewGuid():N}";
    private WebApplication? _app;

    /// <summary>Grain keys ("tenant/id") whose Configure calls fail while they are listed.</summary>
    public ConcurrentDictionary<string, bool> FailingConfigures { get; } = new(StringComparer.Ordinal);

    /// <summary>Grain keys whose Configure calls wait, once they have begun, until their gate is opened.</summary>
    public ConcurrentDictionary<string, ConfigureGate> HeldConfigures { get; } = new(StringComparer.Ordinal);

    public GrpcChannel Channel { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        Uri address;
        (_app, address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={_signingKey}"], centreFile, primarySiloPort: 0,
            services => services.AddSingleton<IIncomingGrainCallFilter>(new ConfigureFaults(FailingConfigures, HeldConfigures)));
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxSendMessageSize = Routing.Server.Edge.Limits.EdgeLimitsOptions.DefaultMaxConfigurationBytes,
            MaxReceiveMessageSize = Routing.Server.Edge.Limits.EdgeLimitsOptions.DefaultMaxConfigurationBytes,
        });
    }

    public async ValueTask DisposeAsync() => await TestServer.StopAsync(_app, Channel, _directory);

    /// <summary>Call options with an admin token of <paramref name="tenant"/> and a deadline that fails a hung test.</summary>
    public CallOptions Admin(string tenant, TimeSpan deadline) => As(tenant, EdgeRoles.Admin, deadline);

    /// <summary>Call options with a token of <paramref name="tenant"/> in <paramref name="role"/>.</summary>
    public CallOptions As(string tenant, string role, TimeSpan deadline) => new(
        headers: new Metadata { { "Authorization", $"Bearer {DevTokens.Mint(_signingKey, tenant, [role], null, TimeSpan.FromHours(1))}" } },
        deadline: DateTime.UtcNow + deadline);
}

/// <summary>A Configure call held part-way: <see cref="Entered"/> completes when it begins, and it goes on
/// once <see cref="Open"/> is called.</summary>
public sealed class ConfigureGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Open() => _opened.TrySetResult();

    internal Task PassAsync()
    {
        _entered.TrySetResult();
        return _opened.Task;
    }
}

/// <summary>Fails Configure calls to the listed grains with the exception a timed-out grain call raises, or
/// holds them at their gate.</summary>
internal sealed class ConfigureFaults(ConcurrentDictionary<string, bool> failing, ConcurrentDictionary<string, ConfigureGate> held) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == "Configure")
        {
            var key = context.TargetId.Key.ToString()!;
            if (failing.ContainsKey(key))
            {
                throw new TimeoutException($"injected: {context.TargetId} did not answer in time");
            }
            if (held.TryGetValue(key, out var gate))
            {
                await gate.PassAsync();
            }
        }
        await context.Invoke();
    }
}
