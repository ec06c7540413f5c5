using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.InteractionStatus;
using static Routing.Core.Lifecycle.InteractionTrigger;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionLifecycleTests
{
    /// <summary>The lifecycle as the README and the grain describe it: every allowed change, and nothing else.</summary>
    public static TheoryData<InteractionStatus, InteractionTrigger, InteractionStatus> Allowed => new()
    {
        { None, JoinLine, Queued },
        { None, Schedule, Scheduled },
        { Queued, CreateRolledBack, None },
        { Queued, JoinRefused, Rejected },
        { Scheduled, JoinLine, Queued },
        { Scheduled, Abandon, Abandoned },
        { Queued, Offer, Offered },
        { Queued, Abandon, Abandoned },
        { Queued, Overflow, Overflowed },
        { Offered, Accept, Connected },
        { Offered, OfferEnded, Queued },
        { Offered, Abandon, Abandoned },
        { Connected, EndTalk, WrapUp },
        { Connected, TransferToQueue, Queued },
        { Connected, TransferToAgent, Offered },
        { WrapUp, Complete, Completed },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Next_AllowedTransition_LeadsToItsStatus(InteractionStatus from, InteractionTrigger trigger, InteractionStatus expected)
    {
        Assert.True(InteractionLifecycle.TryNext(from, trigger, out var next));
        Assert.Equal(expected, next);
        Assert.Equal(expected, InteractionLifecycle.Next(from, trigger));
    }

    [Fact]
    public void Next_EveryOtherPair_IsRefused()
    {
        var allowed = Allowed.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();
        var refused = 0;
        foreach (var from in Enum.GetValues<InteractionStatus>())
        {
            foreach (var trigger in Enum.GetValues<InteractionTrigger>().Where(t => !allowed.Contains((from, t))))
            {
                Assert.False(InteractionLifecycle.TryNext(from, trigger, out _), $"{from} + {trigger}");
                var refusal = Assert.Throws<IllegalTransitionException>(() => InteractionLifecycle.Next(from, trigger));
                Assert.Equal((from, trigger), (refusal.From, refusal.Trigger));
                refused++;
            }
        }
        Assert.Equal(Enum.GetValues<InteractionStatus>().Length * Enum.GetValues<InteractionTrigger>().Length - allowed.Count, refused);
    }

    [Theory]
    [InlineData(Completed)]
    [InlineData(Abandoned)]
    [InlineData(Overflowed)]
    [InlineData(Rejected)]
    public void FinalStatus_HasNoWayOut(InteractionStatus final)
    {
        Assert.True(final.IsFinal());
        Assert.Empty(InteractionLifecycle.TriggersFrom(final));
    }

    [Fact]
    public void EveryStatusThatIsNotFinal_HasAWayOn()
    {
        foreach (var status in Enum.GetValues<InteractionStatus>().Where(s => !s.IsFinal()))
        {
            Assert.NotEmpty(InteractionLifecycle.TriggersFrom(status));
        }
    }

    [Fact]
    public void EveryStatus_IsReachableFromNone()
    {
        var reached = new HashSet<InteractionStatus> { None };
        var frontier = new Queue<InteractionStatus>([None]);
        while (frontier.TryDequeue(out var from))
        {
            foreach (var trigger in InteractionLifecycle.TriggersFrom(from))
            {
                if (reached.Add(InteractionLifecycle.Next(from, trigger)))
                {
                    frontier.Enqueue(InteractionLifecycle.Next(from, trigger));
                }
            }
        }
        Assert.Equal(Enum.GetValues<InteractionStatus>().ToHashSet(), reached);
    }

    [Fact]
    public void Offer_OnlyFromQueued_SoNoInteractionRingsAtTwoAgents()
    {
        var from = Enum.GetValues<InteractionStatus>().Where(s => InteractionLifecycle.TryNext(s, Offer, out _));

        Assert.Equal([Queued], from);
    }
}
