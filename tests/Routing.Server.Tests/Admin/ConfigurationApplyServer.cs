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

    public GrpcChannel Channel { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        Uri address;
        (_app, address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={_signingKey}"], centreFile, primarySiloPort: 0,
            services => services.AddSingleton<IIncomingGrainCallFilter>(new FailingConfigureFilter(FailingConfigures)));
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxSendMessageSize = RoutingServerHost.MaxConfigurationMessageSize,
            MaxReceiveMessageSize = RoutingServerHost.MaxConfigurationMessageSize,
        });
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Call options with an admin token of <paramref name="tenant"/> and a deadline that fails a hung test.</summary>
    public CallOptions Admin(string tenant, TimeSpan deadline) => new(
        headers: new Metadata { { "Authorization", $"Bearer {DevTokens.Mint(_signingKey, tenant, [EdgeRoles.Admin], null, TimeSpan.FromHours(1))}" } },
        deadline: DateTime.UtcNow + deadline);
}

/// <summary>Fails Configure calls to the listed grains with the exception a timed-out grain call raises.</summary>
internal sealed class FailingConfigureFilter(ConcurrentDictionary<string, bool> failing) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == "Configure" && failing.ContainsKey(context.TargetId.Key.ToString()!))
        {
            throw new TimeoutException($"injected: {context.TargetId} did not answer in time");
        }
        return context.Invoke();
    }
}
