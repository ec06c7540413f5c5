namespace Routing.Core;

/// <summary>The media an interaction arrives on. Capacity is counted per channel.</summary>
[GenerateSerializer]
public enum Channel
{
    Voice = 0,
    Chat = 1,
    Email = 2,
    Message = 3,
    Callback = 4,
}
