using System.Globalization;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Generators;

/// <summary>
/// The command line of generator <c>i</c> of <c>n</c>: the user's arguments with each load option replaced by its
/// share — rates divided, connection counts split (the first ones take the remainder), a rate profile scaled — and
/// the output options pointed at the generator's own files. Pure, so the split is tested without processes.
/// </summary>
internal static class GeneratorShares
{
    /// <summary>Options that say where output goes or how many generators: the children get their own.</summary>
    private static readonly string[] Replaced = ["--generators", "--summary-file", "--report", "--timeline", "--progress"];

    /// <param name="rates">Options whose value is divided among the generators (the effective values, defaults included).</param>
    /// <param name="counts">Options whose whole number is split among them (at least 1 each).</param>
    public static string[] For(
        string command, IReadOnlyList<string> tokens, IReadOnlyDictionary<string, double> rates, IReadOnlyDictionary<string, int> counts,
        string? schedule, int n, int i, string report, string summary)
    {
        var args = new List<string> { command };
        args.AddRange(Without(tokens, [.. Replaced, .. rates.Keys, .. counts.Keys, "--schedule"]));
        foreach (var (name, value) in rates) args.AddRange([name, (value / n).ToString("0.###", CultureInfo.InvariantCulture)]);
        foreach (var (name, value) in counts) args.AddRange([name, Split(value, n, i).ToString(CultureInfo.InvariantCulture)]);
        if (schedule is not null) args.AddRange(["--schedule", RateSchedule.Parse(schedule).Scaled(1.0 / n).ToString()]);
        args.AddRange(["--report", report, "--summary-file", summary, "--progress", i == 0 ? "Plain" : "Off"]);
        return [.. args];
    }

    /// <summary><paramref name="tokens"/> less the <paramref name="options"/> and their values.</summary>
    public static IReadOnlyList<string> Without(IReadOnlyList<string> tokens, IReadOnlyCollection<string> options)
    {
        var kept = new List<string>();
        for (var t = 0; t < tokens.Count; t++)
        {
            if (options.Contains(tokens[t]))
            {
                // An option's values follow it up to the next option (--server-pid takes several).
                while (t + 1 < tokens.Count && !tokens[t + 1].StartsWith("--", StringComparison.Ordinal)) t++;
                continue;
            }
            kept.Add(tokens[t]);
        }
        return kept;
    }

    /// <summary>Generator <paramref name="i"/>'s part of <paramref name="total"/>: equal parts, the first ones one more for the remainder.</summary>
    public static int Split(int total, int n, int i) => Math.Max(1, total / n + (i < total % n ? 1 : 0));
}
