namespace Routing.Abstractions;

/// <summary>Why a request was refused. Each maps to one gRPC status code at the edge.</summary>
[GenerateSerializer]
public enum RoutingError
{
    /// <summary>Malformed input: bad id, out-of-range value, inconsistent configuration.</summary>
    InvalidArgument = 0,
    /// <summary>Unknown tenant, queue, agent or interaction.</summary>
    NotFound = 1,
    /// <summary>The request does not fit the current state (e.g. accepting an offer made to someone else).</summary>
    FailedPrecondition = 2,
    /// <summary>An interaction with this id exists with different content.</summary>
    AlreadyExists = 3,
    /// <summary>A limit was reached (queue full, too many attributes).</summary>
    ResourceExhausted = 4,
}
