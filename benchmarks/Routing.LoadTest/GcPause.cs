namespace Routing.LoadTest;

/// <summary>
/// One stop of a server's managed threads for a collection: how long from the start of the suspension until the
/// threads ran again, how much of it went to suspending them (threads reaching a safe point: long when they are
/// runnable but not scheduled), and the generation and kind of the collection it served.
/// </summary>
/// <param name="TotalMs">Suspension start to restart end.</param>
/// <param name="SuspendMs">Suspension start to suspension end.</param>
/// <param name="Generation">The condemned generation (2 for a full collection), or -1 when no collection began.</param>
/// <param name="Kind">NonConcurrent (blocking), Background (a gen 2 done beside the threads) or Foreground (a gen 0/1
/// during a background one).</param>
/// <param name="PromotedBytes">Bytes that survived the collection, when the heap statistics came before the restart.</param>
internal sealed record GcPause(double TotalMs, double SuspendMs, int Generation, string Kind, long PromotedBytes);
