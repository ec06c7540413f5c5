namespace Routing.LoadTest;

/// <summary>What the servers used during one phase: CPU time and their garbage collection.</summary>
internal sealed record PhaseCost(TimeSpan Cpu, (long AllocatedBytes, int Collections, IReadOnlyList<GcPause> Pauses) GarbageCollection);
