using Routing.Core.Statistics;
using Xunit;

namespace Routing.Core.Tests.Statistics;

public sealed class LocalDayTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Theory]
    // Paris, an ordinary winter day: 00:00 +01:00.
    [InlineData("Europe/Paris", "2025-03-14T12:00:00Z", "2025-03-13T23:00:00Z", "2025-03-14T23:00:00Z")]
    // Paris, spring forward at 02:00: 23 hours.
    [InlineData("Europe/Paris", "2025-03-30T12:00:00Z", "2025-03-29T23:00:00Z", "2025-03-30T22:00:00Z")]
    // Paris, fall back at 03:00: 25 hours.
    [InlineData("Europe/Paris", "2025-10-26T12:00:00Z", "2025-10-25T22:00:00Z", "2025-10-26T23:00:00Z")]
    // New York, the instant is still the previous local day (20:00 EDT on the 13th).
    [InlineData("America/New_York", "2025-03-14T00:00:00Z", "2025-03-13T04:00:00Z", "2025-03-14T04:00:00Z")]
    // São Paulo 2018: clocks jumped from 00:00 -03:00 to 01:00 -02:00, so local midnight did not
    // exist: the day starts at the jump, 03:00 UTC, and lasts 23 hours.
    [InlineData("America/Sao_Paulo", "2018-11-04T12:00:00Z", "2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z")]
    // Beirut 2024: 00:00 +02:00 became 01:00 +03:00 on 31 March: the day starts at 22:00 UTC on the 30th.
    [InlineData("Asia/Beirut", "2024-03-31T12:00:00Z", "2024-03-30T22:00:00Z", "2024-03-31T21:00:00Z")]
    // Havana 2024: 01:00 -04:00 went back to 00:00 -05:00 on 3 November, so midnight happened twice:
    // the day starts at the first, 04:00 UTC, and lasts 25 hours.
    [InlineData("America/Havana", "2024-11-03T12:00:00Z", "2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z")]
    // Apia 2011 skipped 30 December: 29 December 23:59:59 -10:00 was followed by 31 December 00:00 +14:00,
    // at 30 December 10:00 UTC. The 29th ends at the jump; the 31st starts there.
    [InlineData("Pacific/Apia", "2011-12-29T12:00:00Z", "2011-12-29T10:00:00Z", "2011-12-30T10:00:00Z")]
    [InlineData("Pacific/Apia", "2011-12-30T12:00:00Z", "2011-12-30T10:00:00Z", "2011-12-31T10:00:00Z")]
    public void Containing_StartsAtFirstInstantOfTheLocalDate(string zoneId, string instant, string start, string end)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var day = LocalDay.Containing(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), zone);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), day.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), day.End);
    }

    [Fact]
    public void Containing_InstantAtMidnight_BelongsToTheNewDay()
    {
        var day = LocalDay.Containing(Utc(2025, 3, 14, 0), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2025, 3, 14, 0), day.Start);
        Assert.Equal(Utc(2025, 3, 15, 0), day.End);
    }
}
