using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Grpc.Net.Client.Web;

namespace Routing.Client;

/// <summary>Builds the one gRPC channel a <see cref="RoutingClient"/> uses, from its options.</summary>
internal static class RoutingChannel
{
    /// <summary>Name of the address list when the client spreads calls over several servers.</summary>
    private const string StaticTarget = "static:///routing-edge";

    public static GrpcChannel Create(RoutingClientOptions options)
    {
        var secure = options.Addresses[0].Scheme == Uri.UriSchemeHttps;
        var transport = secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        var channelOptions = new GrpcChannelOptions
        {
            Credentials = options.TokenProvider is { } tokenProvider ? ChannelCredentials.Create(transport, Bearer(tokenProvider)) : transport,
            // Plain HTTP only when the caller gave http:// addresses (a development server on loopback).
            UnsafeUseInsecureChannelCallCredentials = !secure,
            HttpHandler = Handler(options),
            DisposeHttpClient = options.HttpHandler is null,
            ServiceConfig = ServiceConfig(options),
            // A whole large centre's configuration (AdminService.GetConfiguration) can be tens of MB.
            MaxReceiveMessageSize = 48 * 1024 * 1024,
            LoggerFactory = options.LoggerFactory,
            // After a server restart or a network cut, get back within seconds: the default backoff grows
            // to two minutes, far past an agent session's grace period.
            InitialReconnectBackoff = options.AgentReconnect.FirstDelay,
            MaxReconnectBackoff = options.AgentReconnect.MaxDelay,
        };
        if (options.UseGrpcWeb)
        {
            channelOptions.HttpVersion = HttpVersion.Version11;
        }
        if (options.Addresses.Count == 1)
        {
            return GrpcChannel.ForAddress(options.Addresses[0], channelOptions);
        }
        var addresses = options.Addresses.Select(a => new BalancerAddress(a.Host, a.Port)).ToArray();
        channelOptions.ServiceProvider = new ResolverServices(new StaticResolverFactory(_ => addresses));
        return GrpcChannel.ForAddress(StaticTarget, channelOptions);
    }

    /// <summary>Call credentials adding <c>Authorization: Bearer …</c> from <paramref name="tokenProvider"/>.</summary>
    public static CallCredentials Bearer(Func<CancellationToken, ValueTask<string>> tokenProvider) =>
        CallCredentials.FromInterceptor(async (context, metadata) =>
            metadata.Add("Authorization", "Bearer " + await tokenProvider(context.CancellationToken).ConfigureAwait(false)));

    private static HttpMessageHandler Handler(RoutingClientOptions options)
    {
        var handler = options.HttpHandler ?? new SocketsHttpHandler
        {
            // Agent sessions are long-lived streams: ping so a dead connection is noticed in seconds,
            // not when the operating system gives up on it.
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            // Thousands of agent streams from one process (a load test, a wallboard) exceed one
            // connection's stream limit.
            EnableMultipleHttp2Connections = true,
        };
        return options.UseGrpcWeb ? new GrpcWebHandler(GrpcWebMode.GrpcWeb, handler) : handler;
    }

    private static ServiceConfig ServiceConfig(RoutingClientOptions options)
    {
        var config = new ServiceConfig
        {
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names = { MethodName.Default },
                    // Every unary call of the contract is idempotent (creates carry a client-chosen id). Internal too:
                    // a call started as its server stops (HTTP/2 GOAWAY) fails Internal ("Error starting gRPC call").
                    RetryPolicy = options.MaxAttempts > 1
                        ? new RetryPolicy
                        {
                            MaxAttempts = options.MaxAttempts,
                            InitialBackoff = CallRetryBackoff.First,
                            MaxBackoff = CallRetryBackoff.Max,
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable, StatusCode.Internal },
                        }
                        : null,
                },
                // Agent sessions reconnect and resume themselves (AgentSession); a second, hidden retry
                // layer under them would only stretch the time to notice a failure.
                new MethodConfig { Names = { new MethodName { Service = "routing.v1.AgentService", Method = "Connect" } } },
            },
        };
        if (options.Addresses.Count > 1)
        {
            config.LoadBalancingConfigs.Add(new RoundRobinConfig());
        }
        return config;
    }

    /// <summary>Hands the channel its resolver for a fixed list of servers (the channel looks it up as a
    /// service; a whole dependency-injection container would be more than this needs).</summary>
    private sealed class ResolverServices(ResolverFactory resolverFactory) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IEnumerable<ResolverFactory>) ? new[] { resolverFactory }
            : serviceType == typeof(ResolverFactory) ? resolverFactory
            : null;
    }
}
