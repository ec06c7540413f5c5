using System.Collections.Immutable;

namespace Routing.Core;

/// <summary>Every <see cref="Channel"/>, once: loops over them run on each change of an agent's load, and
/// <c>Enum.GetValues</c> allocates a new array at every call.</summary>
public static class Channels
{
    public static readonly ImmutableArray<Channel> All = [.. Enum.GetValues<Channel>()];
}
