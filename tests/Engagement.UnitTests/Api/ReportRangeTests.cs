using Engagement.Api.Endpoints.Reports;
using Engagement.Api.Validation;

namespace Engagement.UnitTests.Api;

/// <summary>A report's interval in the site's time zone (docs/protocol.md, Reports): named periods, dates, instants and their errors.</summary>
public sealed class ReportRangeTests
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    // 00:30 in Oslo on 2026-12-04 is still 2026-12-03 in UTC.
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Named_periods_are_whole_local_days()
    {
        Assert.Equal((At(2026, 12, 3, 23), At(2026, 12, 4, 23)), ReportRange.Resolve("today", null, null, Oslo, Now));
        Assert.Equal((At(2026, 12, 2, 23), At(2026, 12, 3, 23)), ReportRange.Resolve("yesterday", null, null, Oslo, Now));
        Assert.Equal((At(2026, 11, 27, 23), At(2026, 12, 4, 23)), ReportRange.Resolve("last7days", null, null, Oslo, Now));
        Assert.Equal(ReportRange.Resolve("today", null, null, Oslo, Now), ReportRange.Resolve(null, null, null, Oslo, Now));
    }

    [Fact]
    public void Dates_are_local_and_to_is_included_whole_across_a_change_of_offset()
    {
        // Summer time ends on 2026-10-25 in Oslo: +02:00 before, +01:00 after.
        Assert.Equal((At(2026, 10, 23, 22), At(2026, 10, 25, 23)), ReportRange.Resolve(null, "2026-10-24", "2026-10-25", Oslo, Now));
    }

    [Fact]
    public void Instants_need_their_offset()
    {
        Assert.Equal((At(2026, 12, 1, 8), At(2026, 12, 1, 10)), ReportRange.Resolve(null, "2026-12-01T09:00:00+01:00", "2026-12-01T10:00:00Z", Oslo, Now));
        Assert.Equal("from", Assert.Throws<InputException>(() => ReportRange.Resolve(null, "2026-12-01T09:00:00", "2026-12-02", Oslo, Now)).Field);
    }

    [Theory]
    [InlineData("week", null, null, "period")]
    [InlineData("today", "2026-12-01", "2026-12-02", "period")]
    [InlineData(null, "2026-12-01", null, "to")]
    [InlineData(null, null, "2026-12-01", "from")]
    [InlineData(null, "2026-12-02", "2026-12-01", "from")]
    [InlineData(null, "yesterday", "2026-12-01", "from")]
    public void Bad_intervals_name_their_field(string? period, string? from, string? to, string field)
    {
        var error = Assert.Throws<InputException>(() => ReportRange.Resolve(period, from, to, Oslo, Now));
        Assert.Equal((field, ErrorCodes.Invalid), (error.Field, error.Code));
    }

    [Fact]
    public void A_report_covers_at_most_its_limit_and_an_hourly_series_less()
    {
        ReportRange.Resolve(null, "2025-12-05", "2026-12-04", Oslo, Now); // 365 days
        var tooLong = Assert.Throws<InputException>(() => ReportRange.Resolve(null, "2025-01-01", "2026-12-04", Oslo, Now));
        Assert.Equal(("to", ErrorCodes.TooLarge), (tooLong.Field, tooLong.Code));

        Assert.Equal(ReportBucket.Day, ReportRange.Bucket(null, Now, Now.AddDays(100)));
        Assert.Equal(ReportBucket.Hour, ReportRange.Bucket("hour", Now, Now.AddDays(Limits.ReportHourlyDays)));
        Assert.Equal(ErrorCodes.TooLarge, Assert.Throws<InputException>(() => ReportRange.Bucket("hour", Now, Now.AddDays(Limits.ReportHourlyDays + 1))).Code);
        Assert.Equal(ErrorCodes.Invalid, Assert.Throws<InputException>(() => ReportRange.Bucket("week", Now, Now.AddDays(1))).Code);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
