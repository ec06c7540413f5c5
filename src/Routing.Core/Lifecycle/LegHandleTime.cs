namespace Routing.Core.Lifecycle;

/// <summary>One finished leg's talk and wrap-up time, for the statistics of the queue it came from.</summary>
public sealed record LegHandleTime(string QueueId, TimeSpan Talk, TimeSpan WrapUp);
