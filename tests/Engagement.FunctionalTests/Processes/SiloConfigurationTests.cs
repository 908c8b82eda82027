using System.Diagnostics;

namespace Engagement.FunctionalTests.Processes;

/// <summary>
/// Issue 13, item 8: the built silo, started as an operator would with a wrong or missing setting, stops before it
/// joins a cluster, with one line on stderr that names the setting and exit code 78, and no stack trace.
/// </summary>
public class SiloConfigurationTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=engagement;Database=engagement"; // never dialled: the check comes first

    public static TheoryData<string, string, string?> WrongSettings => new()
    {
        { "ConnectionStrings__Engagement", "", "ConnectionStrings:Engagement is not set" },
        { "ConnectionStrings__Engagement", "Host=;;=x", "ConnectionStrings:Engagement is not a PostgreSQL connection string" },
        { "Engagement__Sessions__WrapUpTimeout", "ten minutes", "'Engagement:Sessions:WrapUpTimeout'" },
        { "Engagement__Sessions__WrapUpTimeout", "00:00:00", "Engagement:Sessions:WrapUpTimeout must be more than zero" },
        { "Engagement__Presence__ConnectionTimeout", "00:00:05", "Engagement:Presence:ConnectionTimeout must be longer than HeartbeatInterval" },
        { "Engagement__Transcript__MaxBatchSize", "0", "Engagement:Transcript:MaxBatchSize must be from 1" },
        { "Engagement__Media__AdvertisedAddress", "media.example.com", "Engagement:Media:AdvertisedAddress must be an IP address" },
        { "Engagement__Weather__Provider", "acme", "Engagement:Weather:Provider must be" },
        { "Engagement__Drain__Timeout", "-00:00:01", "Engagement:Drain:Timeout must be more than zero" },
        { "Engagement__Telemetry__ManagementPort", "70000", "Engagement:Telemetry:ManagementPort must be from 1 to 65535" },
        { "Engagement__Telemetry__Tracing__SamplingRatio", "1.5", "Engagement:Telemetry:Tracing:SamplingRatio must be from 0 to 1" },
        { "Engagement__Telemetry__Tracing__OtlpEndpoint", "collector:4317", "Engagement:Telemetry:Tracing:OtlpEndpoint must be an http:// or https:// URL" },
        { "ASPNETCORE_ENVIRONMENT", "Production", "Engagement:Auth:SigningKey is not set" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_or_missing_setting_stops_the_silo_with_one_line_that_names_it(string variable, string value, string? expected)
    {
        var (exitCode, stdout, stderr) = await RunSiloAsync(new() { [variable] = value });

        Assert.Equal(78, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("engagement: configuration error: ", line);
        Assert.Contains(expected!, line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSiloAsync(Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Engagement.Silo.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Nothing inherited from the test run's own configuration decides the outcome.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Engagement__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Engagement"] = Unreachable;
        foreach (var (key, value) in settings) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo did not stop on its own; it printed:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
