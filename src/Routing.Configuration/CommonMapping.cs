using Google.Protobuf.WellKnownTypes;
using Core = Routing.Core;
using V1 = Routing.Contracts.V1;

namespace Routing.Configuration;

/// <summary>Maps the shared types of common.proto to and from the core records.</summary>
public static class CommonMapping
{
    public static V1.Channel ToProto(this Core.Channel channel) => channel switch
    {
        Core.Channel.Voice => V1.Channel.Voice,
        Core.Channel.Chat => V1.Channel.Chat,
        Core.Channel.Email => V1.Channel.Email,
        Core.Channel.Message => V1.Channel.Message,
        Core.Channel.Callback => V1.Channel.Callback,
        _ => V1.Channel.Unspecified,
    };

    /// <summary>Unspecified is voice; null for a value this server does not know.</summary>
    public static Core.Channel? ToCore(this V1.Channel channel) => channel switch
    {
        V1.Channel.Unspecified or V1.Channel.Voice => Core.Channel.Voice,
        V1.Channel.Chat => Core.Channel.Chat,
        V1.Channel.Email => Core.Channel.Email,
        V1.Channel.Message => Core.Channel.Message,
        V1.Channel.Callback => Core.Channel.Callback,
        _ => null,
    };

    public static V1.ChannelCounts ToProto(this Core.ChannelCounts counts) => new()
    {
        Voice = counts.Voice,
        Chat = counts.Chat,
        Email = counts.Email,
        Message = counts.Message,
        Callback = counts.Callback,
    };

    public static Core.ChannelCounts ToCore(this V1.ChannelCounts counts) => new()
    {
        Voice = counts.Voice,
        Chat = counts.Chat,
        Email = counts.Email,
        Message = counts.Message,
        Callback = counts.Callback,
    };

    public static V1.SkillRequirement ToProto(this Core.SkillRequirement skill) => new() { Skill = skill.Skill, MinimumLevel = skill.MinimumLevel };

    public static Core.SkillRequirement ToCore(this V1.SkillRequirement skill) => new(skill.Skill, skill.MinimumLevel);

    public static V1.SkillLevel ToProto(this Core.SkillLevel skill) => new() { Skill = skill.Skill, Level = skill.Level };

    public static Core.SkillLevel ToCore(this V1.SkillLevel skill) => new(skill.Skill, skill.Level);

    public static Timestamp ToProto(this DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    public static V1.Presence ToProto(this Core.Presence presence) => presence switch
    {
        Core.Presence.Offline => V1.Presence.Offline,
        Core.Presence.Available => V1.Presence.Available,
        Core.Presence.NotReady => V1.Presence.NotReady,
        _ => V1.Presence.Unspecified,
    };

    /// <summary>Empty for null, since proto3 strings cannot be null.</summary>
    public static string OrEmpty(this string? text) => text ?? string.Empty;

    /// <summary>Null for empty, since proto3 cannot tell them apart.</summary>
    public static string? NullIfEmpty(this string text) => string.IsNullOrEmpty(text) ? null : text;
}
