using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Engagement.Scale;

/// <summary>Runs <see cref="ClusterRun"/> for each cluster size on one fresh database and prints the figures as a markdown table.</summary>
public static class ScaleBench
{
    public static async Task<int> RunAsync(ScaleBenchOptions options, string server)
    {
        var configuration = new ConfigurationBuilder().Build(); // the product's defaults
        var load = LoadAverage();
        var started = DateTime.UtcNow;
        var rows = new List<ClusterFigures>();
        await using (var database = new ScaleDatabase(server))
        {
            await database.CreateAsync();
            foreach (var silos in options.Silos)
            {
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {silos} silos: starting");
                var figures = await new ClusterRun(database, configuration, silos, options.GrainsPerSilo, options.IdleSeconds, Console.Error).RunAsync();
                rows.Add(figures);
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {silos} silos: done");
            }
        }
        var report = ClusterFigures.Markdown(rows, started, DateTime.UtcNow, load, LoadAverage(), Environment.ProcessorCount, options);
        Console.WriteLine(report);
        if (options.Out is not null) await File.WriteAllTextAsync(options.Out, report);
        return 0;
    }

    /// <summary>The 1-minute load average (Linux), as the benchmark's notes quote it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
