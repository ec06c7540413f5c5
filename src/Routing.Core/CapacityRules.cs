namespace Routing.Core;

/// <summary>Whether an agent can take one more interaction on a channel.</summary>
public static class CapacityRules
{
    /// <summary>
    /// True when the channel has a free slot. With <paramref name="voiceIsExclusive"/>, voice and
    /// other work do not mix: an agent on a call takes nothing else, and an agent busy on other
    /// channels is not offered a call.
    /// </summary>
    public static bool CanAccept(ChannelCounts capacity, ChannelCounts load, Channel channel, bool voiceIsExclusive)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(load);
        if (load[channel] >= capacity[channel])
        {
            return false;
        }
        if (!voiceIsExclusive)
        {
            return true;
        }
        return channel == Channel.Voice ? load.Total == 0 : load.Voice == 0;
    }

    /// <summary>The channels on which the agent can take one more interaction now.</summary>
    public static Channel[] FreeChannels(ChannelCounts capacity, ChannelCounts load, bool voiceIsExclusive) =>
        [.. Channels.All.Where(c => CanAccept(capacity, load, c, voiceIsExclusive))];

    /// <summary>Load as a fraction of capacity over the channels the agent handles (0 = idle, 1 = full).</summary>
    public static double Occupancy(ChannelCounts capacity, ChannelCounts load)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(load);
        double used = 0;
        var channels = 0;
        foreach (var channel in Channels.All)
        {
            if (capacity[channel] > 0)
            {
                used += Math.Min(1.0, (double)load[channel] / capacity[channel]);
                channels++;
            }
        }
        return channels == 0 ? 1.0 : used / channels;
    }
}
