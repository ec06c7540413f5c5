using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Routing.Contracts.Security;
using Routing.Server.Edge;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// A real server whose per-caller buckets hold <see cref="TokenLimit"/> tokens and refill one token an
/// hour, so within a test a caller gets exactly that many calls and commands; its log lines from
/// Information up are kept in <see cref="Logs"/>. Tests use a fresh tenant each, so a fresh bucket.
/// </summary>
public sealed class SlowRefillEdgeFixture : IAsyncLifetime
{
    public const int TokenLimit = 300;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-slow-refill-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    public IServiceProvider Services => _app!.Services;

    public LogCapture Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        Uri address;
        (_app, address, _, _) = await TestServer.StartAsync([$"--Routing:Edge:Auth:SigningKey={SigningKey}"], centreFile, 0, services =>
        {
            services.PostConfigure<EdgeRateLimitOptions>(limit =>
            {
                limit.TokenLimit = TokenLimit;
                limit.TokensPerPeriod = 1;
                limit.ReplenishmentPeriod = TimeSpan.FromHours(1);
            });
            services.AddSingleton<ILoggerProvider>(Logs);
            // A rule for this provider alone outranks the server's Warning filter.
            services.Configure<LoggerFilterOptions>(filter =>
                filter.Rules.Add(new LoggerFilterRule(typeof(LogCapture).FullName, null, LogLevel.Information, null)));
        });
        Channel = GrpcChannel.ForAddress(address);
    }

    public async ValueTask DisposeAsync() => await TestServer.StopAsync(_app, Channel, _directory);

    /// <summary>A valid token for an hour.</summary>
    public string Token(string tenant, string[] roles, string? agentId = null) =>
        DevTokens.Mint(SigningKey, tenant, roles, agentId, TimeSpan.FromHours(1));
}
