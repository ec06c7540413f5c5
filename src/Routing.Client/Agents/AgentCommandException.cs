using Grpc.Core;

namespace Routing.Client.Agents;

/// <summary>An agent command was refused or could not be carried out; <see cref="StatusCode"/> says why
/// (FAILED_PRECONDITION: not allowed in the agent's state, UNAVAILABLE: the connection dropped before the
/// answer came, so it may or may not have been carried out, DEADLINE_EXCEEDED: no answer in time…).</summary>
public sealed class AgentCommandException : Exception
{
    public AgentCommandException()
    {
    }

    public AgentCommandException(string message)
        : base(message)
    {
    }

    public AgentCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AgentCommandException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>Why the command failed.</summary>
    public StatusCode StatusCode { get; } = StatusCode.Unknown;

    /// <summary>The status of a refused CommandResult, from its status code name (e.g. "FAILED_PRECONDITION").</summary>
    internal static StatusCode Parse(string statusCodeName) =>
        Enum.TryParse<StatusCode>(statusCodeName.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var code)
            ? code
            : StatusCode.Unknown;
}
