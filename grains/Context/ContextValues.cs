using System.Globalization;

namespace Engagement.Context;

/// <summary>Reads the string values of a <see cref="ContextSignal"/>: trimmed text, invariant-culture numbers, IANA zones.</summary>
public static class ContextValues
{
    public static string? Text(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static double? Number(IReadOnlyDictionary<string, string> values, string key) =>
        Text(values, key) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : null;

    public static DateTimeOffset? Time(IReadOnlyDictionary<string, string> values, string key) =>
        Text(values, key) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : null;

    public static bool IsTimeZone(string? id) => TimeZoneIds.IsKnown(id);
}
