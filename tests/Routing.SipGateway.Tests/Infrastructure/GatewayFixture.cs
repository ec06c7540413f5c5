using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.EntryPoints;
using Routing.Client;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Core;
using Routing.Core.Hours;
using Routing.Server.Centre;
using Routing.Server.Tests.Infrastructure;
using Routing.Sip;
using Routing.SipGateway;
using Routing.Testing;

namespace Routing.SipGateway.Tests.Infrastructure;

/// <summary>
/// The real server (silo + edge, memory state) and the real SIP gateway in front of it, on 127.0.0.1 with free ports.
/// Tenant "acme": entry "100" → queue "sales" (redirect, voicemail sip:voicemail@pbx.acme.example); "200" → "tiny"
/// (one waiting call at most); "300" → "closed" (never open); "400" → "short" (overflows to voicemail after 1 s);
/// "500" → "line" (for many waiting calls; no agent serves it); "600" → "proxied" in proxy mode (offers ring for 2 s),
/// served by agents cal and dee, whose phones are sipps the tests start. Agents ann and bob serve "sales" only, so calls elsewhere wait.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-sipgw-{Guid.NewGuid():N}");
    private WebApplication? _server;
    private IHost? _gateway;

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    public Uri Address { get; private set; } = null!;

    public int SipPort { get; } = LoopbackPorts.Free();

    public IHost Gateway => _gateway!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var centreFile = Path.Combine(_directory, "centre.json");
        await File.WriteAllTextAsync(centreFile, JsonSerializer.Serialize(new CentreConfiguration { Tenants = [Acme()] }, CentreConfigurationFile.SerializerOptions));
        // The gateway is one caller making a Create and a Watch per call: its bucket is sized for 200 calls/s.
        string[] settings =
        [
            $"--Routing:Edge:Auth:SigningKey={SigningKey}",
            "--Routing:Edge:RateLimit:TokenLimit=5000",
            "--Routing:Edge:RateLimit:TokensPerPeriod=5000",
        ];
        (_server, Address, _, _) = await TestServer.StartAsync(settings, centreFile, 0, configureServices: null);
        _gateway = await StartGatewayAsync(SipPort, withRegistrar: true, "--Gateway:Calls:DrainTimeout=00:00:01");
    }

    /// <summary>A gateway in front of this fixture's server on <paramref name="port"/> (UDP and TCP); the caller stops and
    /// disposes it.</summary>
    public async Task<IHost> StartGatewayAsync(int port, bool withRegistrar = false, params string[] settings)
    {
        string[] registrar = withRegistrar
            ? [
                // The registrar: ann's and bob's phones register with digest; MD5 only, the one sipp speaks.
                $"--Sip:Registrar:Realm={Realm}",
                "--Sip:Registrar:Algorithms:0=MD5",
                .. Account(0, "ann"),
                .. Account(1, "bob"),
            ]
            : [];
        var gateway = SipGatewayHost.Build(
        [
            "--environment=Production",
            $"--Gateway:Cluster:Addresses:0={Address}",
            $"--Gateway:Cluster:Token={Token([EdgeRoles.Gateway])}",
            "--Sip:Transport:ListenAddress=127.0.0.1",
            $"--Sip:Transport:UdpPort={port}",
            $"--Sip:Transport:TcpPort={port}",
            "--Logging:LogLevel:Default=Warning",
            .. registrar,
            .. settings,
        ]);
        SipGatewayHost.ValidateOptions(gateway.Services);
        await gateway.StartAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            _gateway.Dispose();
        }
        await TestServer.StopAsync(_server, null, _directory);
    }

    /// <summary>The registrar's realm and domain.</summary>
    public const string Realm = "acme.example";

    /// <summary>The password of each configured phone account.</summary>
    public static string PasswordOf(string user) => $"{user}-secret";

    private static string[] Account(int index, string user)
    {
        var account = Routing.Sip.Authentication.SipAccount.FromPassword(user, Realm, PasswordOf(user));
        return [$"--Sip:Registrar:Accounts:{index}:Username={user}", $"--Sip:Registrar:Accounts:{index}:Ha1Md5={account.Ha1Md5}"];
    }

    public string Token(string[] roles, string? agentId = null) =>
        DevTokens.Mint(SigningKey, "acme", roles, agentId, TimeSpan.FromHours(1));

    /// <summary>A client of the server with the given identity.</summary>
    public RoutingClient Client(string[] roles, string? agentId = null) =>
        new(TestServer.ClientOptions(Token(roles, agentId), [Address]));

    /// <summary>How many calls the gateway is handling now.</summary>
    public int ActiveCalls => _gateway!.Services.GetRequiredService<Calls.InviteHandler>().ActiveCalls;

    private static TenantConfiguration Acme()
    {
        var sales = new[] { new SkillRequirement("sales", 1) };
        return new TenantConfiguration
        {
            TenantId = "acme",
            Queues =
            [
                new QueueDefinition { QueueId = "sales", RequiredSkills = sales, WrapUpTime = TimeSpan.Zero, OfferTimeout = TimeSpan.FromSeconds(5) },
                new QueueDefinition { QueueId = "tiny", RequiredSkills = [new SkillRequirement("nobody-has-this", 1)], MaxWaiting = 1 },
                new QueueDefinition
                {
                    QueueId = "closed",
                    RequiredSkills = sales,
                    Hours = new BusinessHours { Weekly = [] },
                    ClosedAction = ClosedAction.Refuse,
                },
                new QueueDefinition
                {
                    QueueId = "short",
                    RequiredSkills = [new SkillRequirement("nobody-has-this", 1)],
                    MaxWait = TimeSpan.FromSeconds(1),
                    Overflow = new OverflowAction { Kind = OverflowActionKind.Voicemail, Message = "after hours message" },
                },
                new QueueDefinition { QueueId = "line", RequiredSkills = [new SkillRequirement("nobody-has-this", 1)] },
                new QueueDefinition { QueueId = "proxied", RequiredSkills = [new SkillRequirement("proxied", 1)], WrapUpTime = TimeSpan.Zero, OfferTimeout = TimeSpan.FromSeconds(2) },
            ],
            Agents =
            [
                new AgentDefinition { AgentId = "ann", Skills = [new SkillLevel("sales", 3)], Endpoint = "sip:ann@pbx.acme.example" },
                new AgentDefinition { AgentId = "bob", Skills = [new SkillLevel("sales", 3)], Endpoint = "sip:bob@pbx.acme.example" },
                new AgentDefinition { AgentId = "cal", Skills = [new SkillLevel("proxied", 3)] },
                new AgentDefinition { AgentId = "dee", Skills = [new SkillLevel("proxied", 3)] },
            ],
            EntryPoints =
            [
                Entry("sales-line", "100", "sales"),
                Entry("tiny-line", "200", "tiny"),
                Entry("closed-line", "300", "closed"),
                Entry("short-line", "400", "short"),
                Entry("waiting-line", "500", "line"),
                Entry("proxied-line", "600", "proxied") with { Mode = EntryPointMode.Proxy },
            ],
        };
    }

    private static EntryPointDefinition Entry(string id, string address, string queue) => new()
    {
        EntryPointId = id,
        Addresses = [address],
        QueueId = queue,
        VoicemailUri = "sip:voicemail@pbx.acme.example",
    };
}
