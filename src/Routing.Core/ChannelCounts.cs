namespace Routing.Core;

/// <summary>A number per channel: used both for an agent's capacity and for its current load.</summary>
[GenerateSerializer, Immutable, Alias("routing.channel-counts")]
public sealed record ChannelCounts
{
    public static readonly ChannelCounts Zero = new();

    /// <summary>The usual capacity of a blended agent: one call, three chats, five e-mails,
    /// three messages, one callback.</summary>
    public static readonly ChannelCounts DefaultCapacity = new() { Voice = 1, Chat = 3, Email = 5, Message = 3, Callback = 1 };

    [Id(0)] public int Voice { get; init; }
    [Id(1)] public int Chat { get; init; }
    [Id(2)] public int Email { get; init; }
    [Id(3)] public int Message { get; init; }
    [Id(4)] public int Callback { get; init; }

    public int this[Channel channel] => channel switch
    {
        Channel.Voice => Voice,
        Channel.Chat => Chat,
        Channel.Email => Email,
        Channel.Message => Message,
        Channel.Callback => Callback,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "unknown channel"),
    };

    public ChannelCounts With(Channel channel, int value) => channel switch
    {
        Channel.Voice => this with { Voice = value },
        Channel.Chat => this with { Chat = value },
        Channel.Email => this with { Email = value },
        Channel.Message => this with { Message = value },
        Channel.Callback => this with { Callback = value },
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "unknown channel"),
    };

    public int Total => Voice + Chat + Email + Message + Callback;

    public override string ToString() => $"voice {Voice}, chat {Chat}, email {Email}, message {Message}, callback {Callback}";
}
