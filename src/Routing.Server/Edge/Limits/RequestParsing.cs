using Grpc.AspNetCore.Server.Model;

namespace Routing.Server.Edge.Limits;

/// <summary>Puts <see cref="ParsingServiceMethodProvider{TService}"/> in place of grpc-dotnet's binder-based method provider.</summary>
internal static class RequestParsing
{
    /// <summary>Call after every AddGrpc* registration: each one adds grpc-dotnet's provider again if it is missing.</summary>
    public static IServiceCollection UseParsingMethodProvider(this IServiceCollection services)
    {
        var builtIn = services
            .Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)
                && d.ImplementationType is { Name: var name } && name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal))
            .ToList();
        if (builtIn.Count == 0)
        {
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered: call AddGrpc first");
        }
        builtIn.ForEach(d => services.Remove(d));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ParsingServiceMethodProvider<>));
        return services;
    }
}
