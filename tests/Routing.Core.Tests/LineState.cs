using Xunit;

namespace Routing.Core.Tests;

/// <summary>A queue's stored line as the tests hold it, with a picture of the whole model to show a refusal
/// changed nothing.</summary>
internal sealed class LineState : IQueueLineState
{
    public List<WaitingEntry> Waiting { get; } = [];
    public Dictionary<string, OfferedEntry> Offered { get; } = new(StringComparer.Ordinal);
    public long NextSequence { get; set; }

    /// <summary>Asserts that <paramref name="transition"/> is refused for <paramref name="expected"/>, asks for
    /// nothing and leaves <paramref name="work"/> and this state as they were; returns it for its message.</summary>
    public QueueTransition AssertRefusedUnchanged(QueueWork work, QueueRefusal expected, Func<QueueTransition> transition)
    {
        var before = Picture(work);

        var result = transition();

        Assert.Equal(expected, result.Refusal);
        Assert.False(result.Accepted);
        Assert.Null(result.Entry);
        Assert.Equal(QueueEffects.None, result.Effects);
        Assert.Equal(before, Picture(work));
        return result;
    }

    /// <summary>Everything the model and its state hold, in one comparable value.</summary>
    public string Picture(QueueWork work) =>
        $"terms {work.Terms} next {NextSequence} line "
        + string.Join(", ", work.Line.InOrder().Select(e => $"{e} excluding [{string.Join("; ", e.Exclusions)}] at {work.Line.PositionOf(e.InteractionId)}"))
        + " offered " + string.Join(", ", Offered.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))
        + " available " + string.Join(", ", work.Available.LongestIdleFirst.Select(a => a.AgentId))
        + " members " + string.Join(", ", work.MemberStates.Select(a => $"{a.AgentId}@{a.Version}"));
}
