namespace Engagement.UnitTests.Queues;

/// <summary>Business hours read at an instant: weekly spans in the queue's zone, holidays, midnight closes and DST.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly OpeningHours[] Weekdays =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))];

    private static readonly BusinessHours Oslo = new("Europe/Oslo", Weekdays, [new DateOnly(2026, 12, 24)]);

    // Oslo is UTC+1 in winter: 09:00 local = 08:00 UTC.
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_queue_without_hours_is_always_open()
    {
        Assert.True(BusinessCalendar.IsOpen(null, Utc(12, 5, 3)));
        Assert.Null(BusinessCalendar.NextChange(null, Utc(12, 5, 3)));
    }

    [Fact]
    public void Open_within_a_span_in_the_queues_zone_and_closed_outside_it()
    {
        Assert.False(BusinessCalendar.IsOpen(Oslo, Utc(12, 7, 7, 59))); // Monday 08:59 Oslo
        Assert.True(BusinessCalendar.IsOpen(Oslo, Utc(12, 7, 8)));      // 09:00 opens
        Assert.True(BusinessCalendar.IsOpen(Oslo, Utc(12, 7, 15, 59)));
        Assert.False(BusinessCalendar.IsOpen(Oslo, Utc(12, 7, 16)));    // 17:00 closes
        Assert.False(BusinessCalendar.IsOpen(Oslo, Utc(12, 5, 12)));    // Saturday
    }

    [Fact]
    public void The_next_change_is_the_next_opening_when_closed_and_the_closing_when_open()
    {
        Assert.Equal(Utc(12, 7, 16), BusinessCalendar.NextChange(Oslo, Utc(12, 7, 10)));
        // Friday evening: closed over the weekend, opens Monday 09:00 Oslo.
        Assert.Equal(Utc(12, 7, 8), BusinessCalendar.OpensAt(Oslo, Utc(12, 4, 18)));
        Assert.Null(BusinessCalendar.OpensAt(Oslo, Utc(12, 7, 10)));
    }

    [Fact]
    public void A_holiday_is_closed_all_day_and_the_next_opening_skips_it()
    {
        Assert.False(BusinessCalendar.IsOpen(Oslo, Utc(12, 24, 10))); // Thursday, Christmas Eve
        Assert.Equal(Utc(12, 25, 8), BusinessCalendar.OpensAt(Oslo, Utc(12, 23, 20)));
    }

    [Fact]
    public void A_span_closing_at_midnight_runs_to_the_end_of_the_day()
    {
        var lateShift = new BusinessHours("UTC", [new OpeningHours(DayOfWeek.Monday, new TimeOnly(18, 0), TimeOnly.MinValue)], []);
        Assert.True(BusinessCalendar.IsOpen(lateShift, Utc(12, 7, 23, 59)));
        Assert.False(BusinessCalendar.IsOpen(lateShift, Utc(12, 8, 0, 0)));
        Assert.Equal(Utc(12, 8, 0), BusinessCalendar.NextChange(lateShift, Utc(12, 7, 20)));
    }

    [Fact]
    public void Hours_follow_daylight_saving_time()
    {
        // Oslo is UTC+2 in summer: 09:00 local = 07:00 UTC on Monday 2026-06-01.
        Assert.True(BusinessCalendar.IsOpen(Oslo, new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero)));
        Assert.False(BusinessCalendar.IsOpen(Oslo, new DateTimeOffset(2026, 6, 1, 6, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_queue_with_no_spans_never_opens()
    {
        var closed = new BusinessHours("UTC", [], []);
        Assert.False(BusinessCalendar.IsOpen(closed, Utc(12, 7, 12)));
        Assert.Null(BusinessCalendar.OpensAt(closed, Utc(12, 7, 12)));
    }

    [Fact]
    public void Open_time_added_skips_nights_weekends_and_holidays()
    {
        Assert.Equal(Utc(12, 7, 10, 30), BusinessCalendar.AddOpenTime(null, Utc(12, 7, 10), TimeSpan.FromMinutes(30)));
        Assert.Equal(Utc(12, 7, 10, 30), BusinessCalendar.AddOpenTime(Oslo, Utc(12, 7, 10), TimeSpan.FromMinutes(30)));
        // Friday 16:30 Oslo with an hour to go: half an hour on Friday, the rest on Monday from 09:00.
        Assert.Equal(Utc(12, 7, 8, 30), BusinessCalendar.AddOpenTime(Oslo, Utc(12, 4, 15, 30), TimeSpan.FromHours(1)));
        // Saturday: nothing counts until Monday 09:00.
        Assert.Equal(Utc(12, 7, 8, 10), BusinessCalendar.AddOpenTime(Oslo, Utc(12, 5, 12), TimeSpan.FromMinutes(10)));
        // Wednesday 23 December 16:50 with 20 minutes: the 24th is a holiday, so the rest is on the 25th.
        Assert.Equal(Utc(12, 25, 8, 10), BusinessCalendar.AddOpenTime(Oslo, Utc(12, 23, 15, 50), TimeSpan.FromMinutes(20)));
        Assert.Null(BusinessCalendar.AddOpenTime(new BusinessHours("UTC", [], []), Utc(12, 7, 10), TimeSpan.FromMinutes(1)));
    }
}
