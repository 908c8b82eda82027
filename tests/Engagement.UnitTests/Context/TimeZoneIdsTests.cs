namespace Engagement.UnitTests.Context;

public class TimeZoneIdsTests
{
    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/New_York", true)]
    [InlineData("UTC", true)]
    [InlineData("Pacific Standard Time", false)] // a Windows id
    [InlineData("Mars/Olympus", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_iana_ids_this_machine_knows_are_time_zones(string? id, bool known) => Assert.Equal(known, TimeZoneIds.IsKnown(id));
}
