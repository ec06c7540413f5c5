namespace Routing.LoadTest;

/// <summary>What the servers used during one phase: CPU time, their garbage collection, the grain messages they sent and
/// the grain calls they counted (<see cref="ServerCounts"/>).</summary>
internal sealed record PhaseCost(TimeSpan Cpu, (long AllocatedBytes, int Collections, IReadOnlyList<GcPause> Pauses) GarbageCollection, ServerCounts Counts);
