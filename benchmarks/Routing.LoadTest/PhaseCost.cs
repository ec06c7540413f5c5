namespace Routing.LoadTest;

/// <summary>What the servers used during one phase: CPU time, their garbage collection, and the grain messages they
/// sent (null without their metrics).</summary>
internal sealed record PhaseCost(TimeSpan Cpu, (long AllocatedBytes, int Collections, IReadOnlyList<GcPause> Pauses) GarbageCollection, long? Messages);
