using System.Globalization;

namespace Engagement.LoadTests.Measurement;

/// <summary>
/// A rate that changes over the run, as stages one after the other: <c>ramp:FROM-TO:SECONDS</c> (linear),
/// <c>steady:RATE:SECONDS</c> and <c>spike:RATE:SECONDS</c> (a short steady stage well above its neighbours; named
/// apart so a profile reads as it is meant). The open-loop pacer asks how many messages are due by a time and when a
/// given message is due, so the schedule is kept exactly, whatever the server does.
/// </summary>
internal sealed class RateSchedule
{
    private readonly List<Stage> _stages;

    private sealed record Stage(string Kind, double From, double To, double Seconds)
    {
        public double Count => (From + To) / 2 * Seconds;

        /// <summary>Messages due in the first <paramref name="t"/> seconds of the stage (the area under the rate).</summary>
        public double CountBy(double t) => From * t + (To - From) * t * t / (2 * Seconds);
    }

    private RateSchedule(List<Stage> stages) => _stages = stages;

    public static RateSchedule Parse(string text)
    {
        var stages = new List<Stage>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = part.Split(':');
            if (fields.Length != 3) throw Bad(part);
            var rates = fields[1].Split('-');
            var seconds = Number(fields[2], part);
            var (from, to) = (fields[0], rates.Length) switch
            {
                ("ramp", 2) => (Number(rates[0], part), Number(rates[1], part)),
                ("steady" or "spike", 1) => (Number(rates[0], part), Number(rates[0], part)),
                _ => throw Bad(part),
            };
            if (seconds <= 0 || from < 0 || to < 0) throw Bad(part);
            stages.Add(new Stage(fields[0], from, to, seconds));
        }
        if (stages.Count == 0 || stages.Sum(s => s.Count) < 1) throw Bad(text);
        return new RateSchedule(stages);
    }

    public TimeSpan Length => TimeSpan.FromSeconds(_stages.Sum(s => s.Seconds));

    public double PeakRate => _stages.Max(s => Math.Max(s.From, s.To));

    /// <summary>Every message of the schedule.</summary>
    public long Total => (long)Math.Floor(CountBy(Length.TotalSeconds) + 1e-9);

    /// <summary>The rate at <paramref name="t"/> seconds from the start (0 after the end).</summary>
    public double RateAt(double t)
    {
        foreach (var s in _stages)
        {
            if (t < s.Seconds) return s.From + (s.To - s.From) * t / s.Seconds;
            t -= s.Seconds;
        }
        return 0;
    }

    /// <summary>How many messages are due in the first <paramref name="t"/> seconds.</summary>
    public double CountBy(double t)
    {
        double count = 0;
        foreach (var s in _stages)
        {
            if (t <= s.Seconds) return count + s.CountBy(Math.Max(0, t));
            count += s.Count;
            t -= s.Seconds;
        }
        return count;
    }

    /// <summary>When message <paramref name="n"/> (0, 1, ...) is due, in seconds from the start: where <see cref="CountBy"/> reaches n.</summary>
    public double TimeOf(long n)
    {
        double before = 0, start = 0;
        foreach (var s in _stages)
        {
            if (n < before + s.Count)
            {
                var left = n - before;
                var slope = (s.To - s.From) / s.Seconds;
                // From·τ + slope·τ²/2 = left; the positive root (or the linear solution on a flat stage).
                var tau = Math.Abs(slope) < 1e-12 ? left / s.From : (-s.From + Math.Sqrt(s.From * s.From + 2 * slope * left)) / slope;
                return start + tau;
            }
            before += s.Count;
            start += s.Seconds;
        }
        return start;
    }

    /// <summary>The profile after <paramref name="warmup"/> at its first rate: how the pacer runs warm-up and window as one.</summary>
    public RateSchedule AfterWarmup(TimeSpan warmup) => warmup <= TimeSpan.Zero ? this
        : new([new Stage("steady", _stages[0].From, _stages[0].From, warmup.TotalSeconds), .. _stages]);

    /// <summary>The same profile with every rate multiplied by <paramref name="factor"/> (a generator's share).</summary>
    public RateSchedule Scaled(double factor) =>
        new([.. _stages.Select(s => s with { From = s.From * factor, To = s.To * factor })]);

    public override string ToString() => string.Join(',', _stages.Select(s =>
        s.Kind == "ramp"
            ? string.Create(CultureInfo.InvariantCulture, $"ramp:{s.From:0.###}-{s.To:0.###}:{s.Seconds:0.###}")
            : string.Create(CultureInfo.InvariantCulture, $"{s.Kind}:{s.From:0.###}:{s.Seconds:0.###}")));

    private static double Number(string text, string part) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(part);

    private static FormatException Bad(string part) =>
        new($"rate profile '{part}': expected stages like ramp:100-1000:20,steady:1000:30,spike:3000:5 (rate per second : seconds)");
}
