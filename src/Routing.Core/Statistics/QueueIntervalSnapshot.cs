namespace Routing.Core.Statistics;

/// <summary>A queue's statistics at one moment: the rolling 15 minutes and today since local midnight.</summary>
/// <param name="Rolling">The last 15 minutes: what the queue is living through now.</param>
/// <param name="Today">Since local midnight in the queue's time zone: the day's results so far.</param>
public sealed record QueueIntervalSnapshot(QueueIntervalStatistics Rolling, QueueIntervalStatistics Today);
