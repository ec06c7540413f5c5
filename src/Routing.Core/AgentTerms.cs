namespace Routing.Core;

/// <summary>What an agent's configuration says about taking work: its capacity per channel, whether a call
/// excludes other work, the queues it serves and how many unanswered offers in a row make it not ready.</summary>
public sealed record AgentTerms(ChannelCounts Capacity, bool VoiceIsExclusive, string[] Queues, int NoAnswerThreshold);
