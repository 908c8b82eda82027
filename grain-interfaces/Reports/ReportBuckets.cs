namespace Engagement;

/// <summary>
/// Where a series' buckets start: local hours or local midnights of a time zone, as instants. PostgreSQL cuts the
/// facts the same way (<c>date_trunc(unit, requested_at, zone)</c>), and this lists every bucket, empty ones too, so a
/// chart has no gaps. Daylight saving time follows the zone: a local day is 23 or 25 hours then.
/// </summary>
public static class ReportBuckets
{
    /// <summary>The starts of the buckets that hold any instant of [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public static IEnumerable<DateTimeOffset> Starts(DateTimeOffset from, DateTimeOffset to, ReportBucket bucket, TimeZoneInfo zone)
    {
        if (bucket == ReportBucket.Hour)
        {
            var local = TimeZoneInfo.ConvertTime(from, zone);
            // The local hour's start: what the zone's offset adds to whole hours (e.g. the 30 minutes of +05:30) is kept.
            for (var start = from - (local.TimeOfDay - TimeSpan.FromHours(local.Hour)); start < to; start = start.AddHours(1))
                yield return start.ToUniversalTime();
            yield break;
        }
        for (var day = LocalDate(from, zone); ; day = day.AddDays(1))
        {
            var start = Midnight(day, zone);
            if (start >= to) yield break;
            yield return start;
        }
    }

    /// <summary>The local date of an instant in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The instant a local date begins; a midnight skipped by a DST jump is the first instant after it.</summary>
    public static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
