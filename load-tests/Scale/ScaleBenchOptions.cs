namespace Engagement.Scale;

/// <summary>A command line the benchmark cannot run: the message says what is wrong.</summary>
public sealed class ScaleBenchUsageException(string message, bool isHelp = false) : Exception(message)
{
    /// <summary>The user asked for the usage: not an error.</summary>
    public bool IsHelp { get; } = isHelp;
}

/// <summary>What <c>./engage bench cluster</c> takes (docs/scaling.md).</summary>
/// <param name="Silos">Cluster sizes measured one after another, each a fresh cluster.</param>
/// <param name="GrainsPerSilo">Customer grains activated per silo, to measure how activations spread.</param>
/// <param name="IdleSeconds">The window in which the idle cluster's queries against PostgreSQL are counted.</param>
/// <param name="Out">A file the markdown table is also written to.</param>
public sealed record ScaleBenchOptions(IReadOnlyList<short> Silos, int GrainsPerSilo, int IdleSeconds, string? Out)
{
    public const string Usage = "usage: ./engage bench cluster [--silos 10,15,20] [--grains-per-silo 100] [--idle-seconds 20] [--out FILE]";

    public static ScaleBenchOptions Parse(string[] args)
    {
        var options = new ScaleBenchOptions([10, 15, 20], 100, 20, null);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help" or "-?") throw new ScaleBenchUsageException(Usage, isHelp: true);
            var value = i + 1 < args.Length ? args[i + 1] : throw new ScaleBenchUsageException($"{args[i]} needs a value. {Usage}");
            options = args[i] switch
            {
                "--silos" => options with { Silos = value.Split(',').Select(s => Count(s, 2, 40, "--silos")).Select(n => (short)n).ToArray() },
                "--grains-per-silo" => options with { GrainsPerSilo = Count(value, 1, 10_000, "--grains-per-silo") },
                "--idle-seconds" => options with { IdleSeconds = Count(value, 5, 600, "--idle-seconds") },
                "--out" => options with { Out = value },
                _ => throw new ScaleBenchUsageException($"Unknown option {args[i]}. {Usage}"),
            };
            i++;
        }
        return options;
    }

    private static int Count(string text, int min, int max, string option) =>
        int.TryParse(text, out var n) && n >= min && n <= max ? n
            : throw new ScaleBenchUsageException($"{option}: '{text}' is not a whole number from {min} to {max}. {Usage}");
}
