namespace Engagement.UnitTests.Dashboard;

/// <summary>Where a report's buckets start: local hours and midnights as instants, daylight saving time included.</summary>
public sealed class ReportBucketsTests
{
    [Fact]
    public void Hours_of_a_half_hour_zone_start_at_half_past_in_utc()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var starts = ReportBuckets.Starts(At(2026, 12, 4, 10, 10), At(2026, 12, 4, 13, 0), ReportBucket.Hour, kolkata).ToList();
        Assert.Equal([At(2026, 12, 4, 9, 30), At(2026, 12, 4, 10, 30), At(2026, 12, 4, 11, 30), At(2026, 12, 4, 12, 30)], starts);
    }

    [Fact]
    public void A_day_with_the_clocks_going_back_lasts_25_hours()
    {
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var starts = ReportBuckets.Starts(At(2026, 10, 23, 22, 0), At(2026, 10, 26, 23, 0), ReportBucket.Day, oslo).ToList();
        Assert.Equal([At(2026, 10, 23, 22, 0), At(2026, 10, 24, 22, 0), At(2026, 10, 25, 23, 0)], starts);

        var hours = ReportBuckets.Starts(At(2026, 10, 24, 22, 0), At(2026, 10, 25, 23, 0), ReportBucket.Hour, oslo).ToList();
        Assert.Equal(25, hours.Count);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
