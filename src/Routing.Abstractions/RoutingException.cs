using Routing.Core;

namespace Routing.Abstractions;

/// <summary>
/// A request refused with a reason a person can act on. Thrown by grains before they change any
/// state, so a refused request has changed nothing.
/// </summary>
[GenerateSerializer, Alias("routing.routing-exception")]
public sealed class RoutingException : Exception
{
    public RoutingException()
    {
    }

    public RoutingException(string message)
        : base(message)
    {
    }

    public RoutingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RoutingException(RoutingError error, string message)
        : base(message)
    {
        Error = error;
    }

    [Id(0)]
    public RoutingError Error { get; init; }

    public static void ThrowIfInvalidId(string kind, string? id)
    {
        if (EntityId.Problem(kind, id) is { } problem)
        {
            throw new RoutingException(RoutingError.InvalidArgument, problem);
        }
    }

    public static void ThrowIfProblems(IReadOnlyCollection<string> problems, string what)
    {
        if (problems.Count > 0)
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"{what}: {string.Join("; ", problems)}");
        }
    }
}
