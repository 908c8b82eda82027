namespace Engagement;

/// <summary>
/// When a queue answers live chats: weekly opening hours in the queue's time zone, less holidays. Outside them,
/// the widget takes a message instead (docs/protocol.md, Business hours). A queue without hours is always open.
/// </summary>
/// <param name="TimeZone">IANA time zone the hours and holidays are in (e.g. "Europe/Oslo").</param>
/// <param name="Weekly">Opening spans; a day may have several, and a day without any is closed.</param>
/// <param name="Holidays">Local dates on which the queue stays closed all day.</param>
[GenerateSerializer, Immutable, Alias("engagement.business-hours")]
public sealed record BusinessHours(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] OpeningHours[] Weekly,
    [property: Id(2)] DateOnly[] Holidays);

/// <summary>One opening span on a weekday, local time; <paramref name="Closes"/> 00:00 means midnight at the end of the day.</summary>
[GenerateSerializer, Immutable, Alias("engagement.opening-hours")]
public sealed record OpeningHours(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] TimeOnly Opens,
    [property: Id(2)] TimeOnly Closes);

/// <summary>Reads <see cref="BusinessHours"/> at an instant. Pure: the queue, the directory and tests share it.</summary>
public static class BusinessCalendar
{
    /// <summary>How far ahead <see cref="NextChange"/> looks (a queue closed for longer reports no next opening).</summary>
    public const int LookAheadDays = 31;

    /// <summary>True when the queue answers at <paramref name="at"/>; always true without hours.</summary>
    public static bool IsOpen(BusinessHours? hours, DateTimeOffset at)
    {
        if (hours is null) return true;
        var local = TimeZoneInfo.ConvertTime(at, Zone(hours));
        var date = DateOnly.FromDateTime(local.DateTime);
        if (hours.Holidays.Contains(date)) return false;
        var time = TimeOnly.FromDateTime(local.DateTime);
        return hours.Weekly.Any(span => span.Day == local.DayOfWeek && span.Opens <= time && (time < span.Closes || span.Closes == TimeOnly.MinValue));
    }

    /// <summary>The next instant after <paramref name="at"/> when <see cref="IsOpen"/> changes, or null (never, within <see cref="LookAheadDays"/>).</summary>
    public static DateTimeOffset? NextChange(BusinessHours? hours, DateTimeOffset at)
    {
        if (hours is null) return null;
        var zone = Zone(hours);
        var openNow = IsOpen(hours, at);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var candidates = new List<DateTimeOffset>();
        for (var d = 0; d <= LookAheadDays; d++)
        {
            var date = today.AddDays(d);
            candidates.Add(ToInstant(date, TimeOnly.MinValue, zone)); // holidays begin and end at midnight
            foreach (var span in hours.Weekly.Where(s => s.Day == date.DayOfWeek))
            {
                candidates.Add(ToInstant(date, span.Opens, zone));
                candidates.Add(span.Closes == TimeOnly.MinValue ? ToInstant(date.AddDays(1), TimeOnly.MinValue, zone) : ToInstant(date, span.Closes, zone));
            }
        }
        foreach (var candidate in candidates.Where(c => c > at).Order())
            if (IsOpen(hours, candidate) != openNow) return candidate;
        return null;
    }

    /// <summary>
    /// The instant when <paramref name="duration"/> of open time has passed since <paramref name="from"/>: closed spells
    /// (nights, weekends, holidays) do not count. Without hours, simply <paramref name="from"/> + <paramref name="duration"/>.
    /// Null when the queue stays closed for longer than <see cref="LookAheadDays"/> before that.
    /// </summary>
    public static DateTimeOffset? AddOpenTime(BusinessHours? hours, DateTimeOffset from, TimeSpan duration)
    {
        if (hours is null) return from + duration;
        var at = from;
        var left = duration;
        while (true)
        {
            var change = NextChange(hours, at);
            if (!IsOpen(hours, at))
            {
                if (change is null) return null;
                at = change.Value; // the next opening
                continue;
            }
            if (change is null || change.Value - at >= left) return at + left;
            left -= change.Value - at;
            at = change.Value; // the close
        }
    }

    /// <summary>When a closed queue opens next (null when open now, or not within <see cref="LookAheadDays"/>).</summary>
    public static DateTimeOffset? OpensAt(BusinessHours? hours, DateTimeOffset at) => IsOpen(hours, at) ? null : NextChange(hours, at);

    /// <summary>The time zone of <paramref name="hours"/>; throws <c>invalid</c> for an unknown id.</summary>
    public static TimeZoneInfo Zone(BusinessHours hours) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out var zone) ? zone
            : throw EngagementException.Invalid($"'{hours.TimeZone}' is not a known IANA time zone.");

    /// <summary>A local date and time as an instant; a time skipped by a DST jump counts as the first instant after it.</summary>
    private static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
