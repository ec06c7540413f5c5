namespace Routing.Cli.Commands;

/// <summary>How a simulated agent handles an offer.</summary>
internal sealed record SimulatedBehaviour(TimeSpan AnswerAfter, TimeSpan Talk, TimeSpan WrapUp, double RejectShare)
{
    public string? Problem() =>
        AnswerAfter < TimeSpan.Zero || Talk < TimeSpan.Zero || WrapUp < TimeSpan.Zero ? "times must not be negative"
        : RejectShare is < 0 or > 1 or double.NaN ? "--reject-share must be between 0 and 1"
        : null;
}
