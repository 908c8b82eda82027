using System.Globalization;

namespace Engagement.LoadTests.Conversations;

/// <summary>
/// When a chat run's measured window was, read from its <c>--timeline</c> CSV (one row per second, its UTC start and
/// phase): so what a receiver got can be counted over exactly the seconds the chat load ran at its rate.
/// </summary>
internal static class ChatWindow
{
    /// <summary>The window's first second and the end of its last; null when the CSV has no window rows.</summary>
    public static (DateTimeOffset From, DateTimeOffset To)? Read(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int utc = Array.IndexOf(header, "utc"), phase = Array.IndexOf(header, "phase");
        var window = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[phase] == "window")
            .Select(f => DateTimeOffset.Parse(f[utc], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).ToList();
        return window.Count == 0 ? null : (window.Min(), window.Max().AddSeconds(1));
    }
}
