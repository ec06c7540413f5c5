using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class WaitingLineTests
{
    private static WaitingLine LineOf(params WaitingEntry[] entries)
    {
        var line = new WaitingLine();
        foreach (var entry in entries)
        {
            Assert.True(line.TryAdd(entry));
        }
        return line;
    }

    private static string[] Ids(WaitingLine line) => [.. line.InOrder().Select(e => e.InteractionId)];

    [Fact]
    public void EmptyLine_HasNothing()
    {
        var line = new WaitingLine();

        Assert.Equal(0, line.Count);
        Assert.Null(line.Head);
        Assert.Empty(line.InOrder());
        Assert.Null(line.FindFirst(_ => true));
        Assert.Equal(0, line.PositionOf("i-1"));
        Assert.False(line.Contains("i-1"));
    }

    [Fact]
    public void TryAdd_ScrambledArrivals_OrderedByEffectiveArrival()
    {
        var line = LineOf(
            Entry("c", Now.AddSeconds(-10), sequence: 1),
            Entry("a", Now.AddSeconds(-30), sequence: 2),
            Entry("d", Now, sequence: 3),
            Entry("b", Now.AddSeconds(-20), sequence: 4));

        Assert.Equal(["a", "b", "c", "d"], Ids(line));
        Assert.Equal(4, line.Count);
        Assert.Equal("a", line.Head?.InteractionId);
    }

    [Fact]
    public void TryAdd_EqualEffectiveArrival_EarlierSequenceFirst()
    {
        var line = LineOf(
            Entry("third", Now, sequence: 9),
            Entry("first", Now, sequence: 2),
            Entry("second", Now, sequence: 5));

        Assert.Equal(["first", "second", "third"], Ids(line));
    }

    [Fact]
    public void TryAdd_EffectiveArrivalBeatsSequence()
    {
        var line = LineOf(
            Entry("enqueued-first", Now, sequence: 1),
            Entry("enqueued-later", Now.AddTicks(-1), sequence: 2));

        Assert.Equal(["enqueued-later", "enqueued-first"], Ids(line));
    }

    [Fact]
    public void TryAdd_EffectiveArrivalsInDifferentOffsets_ComparedAsInstants()
    {
        // 10:00 at +02:00 is 08:00 UTC: earlier than 09:00 UTC although its clock reading is later.
        var line = LineOf(
            Entry("nine-utc", new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero), sequence: 1),
            Entry("eight-utc", new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.FromHours(2)), sequence: 2));

        Assert.Equal(["eight-utc", "nine-utc"], Ids(line));
    }

    [Fact]
    public void TryAdd_SameKeyAndSequenceDifferentIds_BothKeptInIdOrder()
    {
        var line = LineOf(Entry("i-b", Now, sequence: 1), Entry("i-a", Now, sequence: 1));

        Assert.Equal(2, line.Count);
        Assert.Equal(["i-a", "i-b"], Ids(line));
    }

    [Fact]
    public void TryAdd_PriorityRanking_HighPriorityAheadButOldWorkFirst()
    {
        var weight = TimeSpan.FromSeconds(30);
        var line = LineOf(
            Queued("normal-60s", Now.AddSeconds(-60), 0, weight, 1),
            Queued("old-200s", Now.AddSeconds(-200), 0, weight, 0),
            Queued("urgent-10s", Now.AddSeconds(-10), 2, weight, 2),
            Queued("vip-now", Now, 5, weight, 3));

        // Scores now: old 200, vip 150, urgent 70, normal 60.
        Assert.Equal(["old-200s", "vip-now", "urgent-10s", "normal-60s"], Ids(line));
    }

    [Fact]
    public void TryAdd_DuplicateId_RefusedAndOriginalKept()
    {
        var original = Entry("i-1", Now.AddSeconds(-5), sequence: 1);
        var line = LineOf(original, Entry("i-2", Now, sequence: 2));

        var added = line.TryAdd(Entry("i-1", Now.AddSeconds(-500), sequence: 3));

        Assert.False(added);
        Assert.Equal(2, line.Count);
        Assert.Equal(["i-1", "i-2"], Ids(line));
        Assert.True(line.TryGet("i-1", out var kept));
        Assert.Same(original, kept);
        Assert.Same(original, line.Head);
    }

    [Fact]
    public void TryAdd_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new WaitingLine().TryAdd(null!));

    [Fact]
    public void TryGet_Waiting_ReturnsEntry()
    {
        var entry = Entry("i-1");
        var line = LineOf(entry);

        Assert.True(line.Contains("i-1"));
        Assert.True(line.TryGet("i-1", out var found));
        Assert.Same(entry, found);
    }

    [Fact]
    public void TryGet_NotWaiting_False()
    {
        var line = LineOf(Entry("i-1"));

        Assert.False(line.Contains("I-1"));
        Assert.False(line.TryGet("i-2", out _));
    }

    [Fact]
    public void TryRemove_Waiting_ReturnsEntryAndTakesItOutOfOrder()
    {
        var middle = Entry("b", Now.AddSeconds(-2), sequence: 2);
        var line = LineOf(Entry("a", Now.AddSeconds(-3), sequence: 1), middle, Entry("c", Now.AddSeconds(-1), sequence: 3));

        Assert.True(line.TryRemove("b", out var removed));

        Assert.Same(middle, removed);
        Assert.Equal(2, line.Count);
        Assert.False(line.Contains("b"));
        Assert.Equal(["a", "c"], Ids(line));
        Assert.Equal(0, line.PositionOf("b"));
        Assert.Equal(2, line.PositionOf("c"));
    }

    [Fact]
    public void TryRemove_Head_NextBecomesHead()
    {
        var line = LineOf(Entry("a", Now.AddSeconds(-3), sequence: 1), Entry("b", Now.AddSeconds(-2), sequence: 2));

        Assert.True(line.TryRemove("a", out _));

        Assert.Equal("b", line.Head?.InteractionId);
        Assert.Equal(1, line.PositionOf("b"));
    }

    [Fact]
    public void TryRemove_NotWaiting_FalseAndNothingChanges()
    {
        var line = LineOf(Entry("a"));

        Assert.False(line.TryRemove("z", out _));
        Assert.Equal(1, line.Count);
        Assert.Equal(["a"], Ids(line));
    }

    [Fact]
    public void TryRemove_ThenAddSameId_Accepted()
    {
        var line = LineOf(Entry("a", sequence: 1));
        Assert.True(line.TryRemove("a", out _));

        Assert.True(line.TryAdd(Entry("a", sequence: 2)));
        Assert.Equal(1, line.Count);
    }

    [Fact]
    public void Replace_WithNewExclusion_KeepsPlaceAndStoresNewVersion()
    {
        var line = LineOf(
            Entry("a", Now.AddSeconds(-3), sequence: 1),
            Entry("b", Now.AddSeconds(-2), sequence: 2),
            Entry("c", Now.AddSeconds(-1), sequence: 3));
        Assert.True(line.TryGet("b", out var b));
        var excluded = b.WithExclusion("agent-x", Now.AddSeconds(30), Now);

        line.Replace(excluded);

        Assert.Equal(3, line.Count);
        Assert.Equal(["a", "b", "c"], Ids(line));
        Assert.Equal(2, line.PositionOf("b"));
        Assert.True(line.TryGet("b", out var stored));
        Assert.Same(excluded, stored);
        Assert.Same(excluded, line.InOrder().ElementAt(1));
    }

    [Fact]
    public void Replace_Head_StaysHead()
    {
        var line = LineOf(Entry("a", Now.AddSeconds(-3), sequence: 1), Entry("b", Now.AddSeconds(-2), sequence: 2));
        var replacement = line.Head!.WithExclusion("agent-x", Now.AddSeconds(30), Now);

        line.Replace(replacement);

        Assert.Same(replacement, line.Head);
    }

    [Fact]
    public void Replace_ChangedKey_MovesToNewPlace()
    {
        var line = LineOf(
            Entry("a", Now.AddSeconds(-3), sequence: 1),
            Entry("b", Now.AddSeconds(-2), sequence: 2),
            Entry("c", Now.AddSeconds(-1), sequence: 3));

        line.Replace(Entry("c", Now.AddSeconds(-10), sequence: 3));

        Assert.Equal(["c", "a", "b"], Ids(line));
        Assert.Equal(1, line.PositionOf("c"));
        Assert.Equal(3, line.Count);
    }

    [Fact]
    public void Replace_NotWaiting_DoesNotAdd()
    {
        var line = LineOf(Entry("a"));

        line.Replace(Entry("b"));

        Assert.Equal(1, line.Count);
        Assert.False(line.Contains("b"));
        Assert.Equal(["a"], Ids(line));
    }

    [Fact]
    public void Replace_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new WaitingLine().Replace(null!));

    [Fact]
    public void FindFirst_HeadIneligible_SkipsToNextEligible()
    {
        var line = LineOf(
            Entry("a", Now.AddSeconds(-3), sequence: 1),
            Entry("b", Now.AddSeconds(-2), sequence: 2),
            Entry("c", Now.AddSeconds(-1), sequence: 3));

        var found = line.FindFirst(e => e.InteractionId != "a");

        Assert.Equal("b", found?.InteractionId);
    }

    [Fact]
    public void FindFirst_AgentSkillsAndExclusions_BestEntryThatAgentMayTake()
    {
        var agent = Agent("agent-fr", skills: Skills(("billing", 3), ("lang.fr", 2)));
        var line = LineOf(
            Entry("needs-spanish", Now.AddSeconds(-50), 1, Requires(("lang.es", 1))),
            Entry("rejected-by-agent", Now.AddSeconds(-40), 2, Requires(("billing", 1)))
                .WithExclusion("agent-fr", Now.AddSeconds(20), Now),
            Entry("needs-billing-4", Now.AddSeconds(-30), 3, Requires(("billing", 4))),
            Entry("french-billing", Now.AddSeconds(-20), 4, Requires(("billing", 3), ("LANG.FR", 2))),
            Entry("anything", Now.AddSeconds(-10), 5));

        var found = line.FindFirst(e => e.IsEligible(agent.AgentId, agent.Skills, Now));

        Assert.Equal("french-billing", found?.InteractionId);
    }

    [Fact]
    public void FindFirst_NoneEligible_Null()
    {
        var line = LineOf(Entry("a", sequence: 1), Entry("b", sequence: 2));

        Assert.Null(line.FindFirst(_ => false));
    }

    [Fact]
    public void FindFirst_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new WaitingLine().FindFirst(null!));

    [Fact]
    public void PositionOf_Waiting_OneBasedPlaceInRoutingOrder()
    {
        var line = LineOf(
            Entry("c", Now.AddSeconds(-1), sequence: 3),
            Entry("a", Now.AddSeconds(-3), sequence: 1),
            Entry("b", Now.AddSeconds(-2), sequence: 2));

        Assert.Equal(1, line.PositionOf("a"));
        Assert.Equal(2, line.PositionOf("b"));
        Assert.Equal(3, line.PositionOf("c"));
        Assert.Equal(0, line.PositionOf("z"));
    }

    [Fact]
    public void Line_RandomAddsAndRemoves_MatchesReferenceOrdering()
    {
        var random = new Random(4242);
        var line = new WaitingLine();
        var reference = new Dictionary<string, WaitingEntry>(StringComparer.Ordinal);
        for (var step = 0; step < 2000; step++)
        {
            var id = $"i-{random.Next(0, 150)}";
            if (random.Next(3) == 0)
            {
                var removed = line.TryRemove(id, out var entry);
                Assert.Equal(reference.Remove(id, out var expected), removed);
                if (removed)
                {
                    Assert.Same(expected, entry);
                }
            }
            else
            {
                // Few distinct keys and sequences, so ties on both are common.
                var candidate = Entry(id, Now.AddSeconds(-random.Next(0, 20)), sequence: random.Next(0, 5));
                Assert.Equal(reference.TryAdd(id, candidate), line.TryAdd(candidate));
            }
        }

        var expectedOrder = reference.Values
            .OrderBy(e => e.EffectiveArrival.UtcTicks)
            .ThenBy(e => e.Sequence)
            .ThenBy(e => e.InteractionId, StringComparer.Ordinal)
            .Select(e => e.InteractionId)
            .ToArray();
        Assert.Equal(expectedOrder.Length, line.Count);
        Assert.Equal(expectedOrder, Ids(line));
        Assert.Equal(expectedOrder.FirstOrDefault(), line.Head?.InteractionId);
        for (var i = 0; i < expectedOrder.Length; i++)
        {
            Assert.Equal(i + 1, line.PositionOf(expectedOrder[i]));
        }
    }

    [Fact]
    public void OldestWaitingSince_PriorityPutsANewerEntryFirst_StillTheLongestWaiting()
    {
        var weight = TimeSpan.FromMinutes(1);
        var line = LineOf(
            Queued("old", Now.AddSeconds(-90), priority: 0, weight, sequence: 1),
            Queued("urgent", Now.AddSeconds(-10), priority: 5, weight, sequence: 2),
            Queued("new", Now, priority: 0, weight, sequence: 3));

        Assert.Equal("urgent", line.Head!.InteractionId);
        Assert.Equal(Now.AddSeconds(-90), line.OldestWaitingSince);
    }

    [Fact]
    public void OldestWaitingSince_OldestLeavesThenTheRest_FollowsTheLineUntilEmpty()
    {
        var line = LineOf(Entry("b", Now.AddSeconds(-20), sequence: 2), Entry("a", Now.AddSeconds(-30), sequence: 1), Entry("c", Now, sequence: 3));

        Assert.Equal(Now.AddSeconds(-30), line.OldestWaitingSince);
        Assert.True(line.TryRemove("a", out _));
        Assert.Equal(Now.AddSeconds(-20), line.OldestWaitingSince);
        Assert.True(line.TryRemove("c", out _));
        Assert.Equal(Now.AddSeconds(-20), line.OldestWaitingSince);
        Assert.True(line.TryAdd(Entry("d", Now.AddSeconds(-40), sequence: 4)));
        Assert.Equal(Now.AddSeconds(-40), line.OldestWaitingSince);
        Assert.True(line.TryRemove("d", out _));
        Assert.True(line.TryRemove("b", out _));
        Assert.Null(line.OldestWaitingSince);
    }

    [Fact]
    public void OldestWaitingSince_AnEntryThatLeftAndCameBack_CountsFromItsReturn_ThroughManyComingsAndGoings()
    {
        var line = LineOf(Entry("a", Now.AddSeconds(-30), sequence: 1), Entry("b", Now.AddSeconds(-20), sequence: 2));

        Assert.True(line.TryRemove("a", out _));
        Assert.True(line.TryAdd(Entry("a", Now.AddSeconds(-5), sequence: 3)));
        Assert.Equal(Now.AddSeconds(-20), line.OldestWaitingSince);
        // Older ones that leave at once come to the top and are dropped; newer ones that leave stay under the oldest until
        // the heap of waiting times is rebuilt from the line (several times over 500).
        for (var i = 0; i < 500; i++)
        {
            Assert.True(line.TryAdd(Entry($"x{i}", Now.AddSeconds(-1000 + i), sequence: 10 + i)));
            Assert.Equal(Now.AddSeconds(-1000 + i), line.OldestWaitingSince);
            Assert.True(line.TryRemove($"x{i}", out _));
            Assert.True(line.TryAdd(Entry($"y{i}", Now, sequence: 1000 + i)));
            Assert.True(line.TryRemove($"y{i}", out _));
            Assert.Equal(Now.AddSeconds(-20), line.OldestWaitingSince);
        }
        Assert.True(line.TryRemove("b", out _));
        Assert.Equal(Now.AddSeconds(-5), line.OldestWaitingSince);
    }
}
