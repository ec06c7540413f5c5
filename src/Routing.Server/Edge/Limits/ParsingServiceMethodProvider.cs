using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Routing.Server.Edge.Limits;

/// <summary>
/// Discovers a service's methods as grpc-dotnet's own provider does (the generated <c>BindService</c> named by
/// <see cref="BindServiceMethodAttribute"/>), through a <see cref="ParsingServiceBinder{TService}"/> so that every
/// request message is parsed by a marshaller that refuses malformed bytes with InvalidArgument. grpc-dotnet parses
/// the request before any interceptor runs, and answers a parse failure with UNKNOWN and an error-level stack trace.
/// </summary>
internal sealed class ParsingServiceMethodProvider<TService>(ILoggerFactory loggerFactory) : IServiceMethodProvider<TService>
    where TService : class
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Routing.Server.Edge.Limits.RequestParsing");

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        if (FindBindMethod() is not { } bind)
        {
            return;
        }
        var declaringType = bind.GetParameters()[1].ParameterType;
        bind.Invoke(null, [new ParsingServiceBinder<TService>(context, declaringType, _logger), null]);
    }

    private static MethodInfo? FindBindMethod()
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType
                    .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == attribute.BindMethodName
                        && m.GetParameters() is [{ ParameterType: var binder }, _]
                        && binder == typeof(ServiceBinderBase));
            }
        }
        return null;
    }
}
