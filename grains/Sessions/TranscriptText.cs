using System.Globalization;

namespace Engagement.Sessions;

/// <summary>How the session's own transcript lines write figures for people to read, the same in every line.</summary>
internal static class TranscriptText
{
    /// <summary>"45 s", "2 min 5 s", "1 h 3 min": the largest units that matter, whole.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        if (duration.TotalHours >= 1) return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes} min");
        if (duration.TotalMinutes >= 1) return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds} s");
        return string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds} s");
    }
}
