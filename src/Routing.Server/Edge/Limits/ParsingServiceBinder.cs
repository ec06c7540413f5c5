using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Routing.Server.Edge.Limits;

/// <summary>
/// Adds each method of <typeparamref name="TService"/> with the same handler and endpoint metadata (the service's
/// and the method's attributes, e.g. [Authorize]) that grpc-dotnet's own binder gives it, but with a request
/// marshaller that turns a parse failure (bad wire format, nesting past protobuf's recursion limit) into
/// InvalidArgument with a short reason and one log line.
/// </summary>
internal sealed class ParsingServiceBinder<TService>(ServiceMethodProviderContext<TService> context, Type declaringType, ILogger logger)
    : ServiceBinderBase
    where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
        context.AddUnaryMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddServerStreamingMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        context.AddClientStreamingMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddDuplexStreamingMethod(Guarded(method), metadata, invoker);
    }

    private Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var inner = method.RequestMarshaller;
        var fullName = method.FullName;
        var marshaller = Marshallers.Create(
            inner.ContextualSerializer,
            deserializationContext =>
            {
                try
                {
                    return inner.ContextualDeserializer(deserializationContext);
                }
                catch (InvalidProtocolBufferException e)
                {
                    LimitsLog.MalformedRequest(logger, fullName, e.Message);
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        $"the request is not a valid {typeof(TRequest).Name} message: {e.Message}"));
                }
            });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }

    private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string methodName, params Type[] parameters)
        where TDelegate : Delegate
    {
        var handler = Handler(methodName, parameters)
            ?? throw new InvalidOperationException($"could not find '{methodName}' on {typeof(TService)}");
        var invoker = (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler);
        // Type attributes first and method attributes last, so the method's take precedence (as grpc-dotnet orders them).
        List<object> metadata = [.. typeof(TService).GetCustomAttributes(inherit: true), .. handler.GetCustomAttributes(inherit: true)];
        // gRPC is POST only; accepting a CORS preflight lets CORS middleware (when configured) answer it.
        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return (invoker, metadata);
    }

    /// <summary>The override of the generated base method, skipping any method that merely hides it.</summary>
    private MethodInfo? Handler(string methodName, Type[] parameters)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            var candidate = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null);
            if (candidate is null)
            {
                return null;
            }
            if (candidate.IsVirtual && candidate.GetBaseDefinition().DeclaringType == declaringType)
            {
                return candidate;
            }
        }
        return null;
    }
}
