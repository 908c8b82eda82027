using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints.Reports;

/// <summary>
/// A report's interval from the query string (docs/protocol.md, Reports), in the site's time zone: a named
/// <c>period</c> (today, yesterday, the last 7 days, each whole local days) or <c>from</c> and <c>to</c>, each a local
/// date (<c>to</c> included whole) or an instant with its offset. Bad input throws <see cref="InputException"/>.
/// </summary>
public static partial class ReportRange
{
    public const string Today = "today";
    public const string Yesterday = "yesterday";
    public const string Last7Days = "last7days";

    /// <summary>[From, To) as UTC instants.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Resolve(string? period, string? from, string? to, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (period is not null && (from is not null || to is not null))
            throw new InputException("period", "Give period or from and to, not both.");
        if (from is null != to is null)
            throw new InputException(from is null ? "from" : "to", "from and to go together.");
        var (start, end) = from is not null ? (Instant(from, "from", zone, endOfDay: false), Instant(to!, "to", zone, endOfDay: true)) : Named(period ?? Today, zone, now);
        if (start >= end) throw new InputException("from", "from must be before to.");
        if (end - start > TimeSpan.FromDays(Limits.ReportDays))
            throw InputException.TooLarge("to", $"A report covers at most {Limits.ReportDays} days.");
        return (start, end);
    }

    /// <summary>An hourly series covers at most <see cref="Limits.ReportHourlyDays"/> days.</summary>
    public static ReportBucket Bucket(string? bucket, DateTimeOffset from, DateTimeOffset to)
    {
        var parsed = bucket switch
        {
            null or "day" => ReportBucket.Day,
            "hour" => ReportBucket.Hour,
            _ => throw new InputException("bucket", "bucket is hour or day."),
        };
        if (parsed == ReportBucket.Hour && to - from > TimeSpan.FromDays(Limits.ReportHourlyDays))
            throw InputException.TooLarge("bucket", $"An hourly series covers at most {Limits.ReportHourlyDays} days; ask for bucket=day.");
        return parsed;
    }

    private static (DateTimeOffset, DateTimeOffset) Named(string period, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = ReportBuckets.LocalDate(now, zone);
        var (first, last) = period switch
        {
            Today => (today, today),
            Yesterday => (today.AddDays(-1), today.AddDays(-1)),
            Last7Days => (today.AddDays(-6), today),
            _ => throw new InputException("period", $"period is {Today}, {Yesterday} or {Last7Days}."),
        };
        return (ReportBuckets.Midnight(first, zone), ReportBuckets.Midnight(last.AddDays(1), zone));
    }

    /// <summary>A local date (its midnight, or the next one for <paramref name="endOfDay"/>) or an ISO 8601 instant with an offset.</summary>
    private static DateTimeOffset Instant(string value, string field, TimeZoneInfo zone, bool endOfDay)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return ReportBuckets.Midnight(endOfDay ? date.AddDays(1) : date, zone);
        if (WithOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return at.ToUniversalTime();
        throw new InputException(field, $"{field} is a date (2026-12-01) or an instant with its offset (2026-12-01T09:00:00Z, 2026-12-01T10:00:00+01:00).");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
