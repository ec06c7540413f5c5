namespace Routing.Server.Tests.History;

internal static class HistoryTime
{
    /// <summary>A time as the store gives it back: in UTC, to the microsecond.</summary>
    public static DateTimeOffset Stored(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);
}
