using System.Diagnostics;
using System.Text.Json;

namespace Engagement.FunctionalTests.Telemetry;

/// <summary>The shipped Prometheus files (deploy/prometheus) pass promtool, the alert rules pass their unit tests, and the dashboard is JSON.</summary>
public class AlertRulesTests
{
    [Theory]
    [InlineData("check", "rules", "rules.yml")]
    [InlineData("test", "rules", "rules.test.yml")]
    [InlineData("check", "config", "prometheus.yml")]
    public async Task Promtool_accepts_the_shipped_file(string command, string kind, string file)
    {
        var (exitCode, output) = await PromtoolAsync(command, kind, file);
        Assert.True(exitCode == 0, $"promtool {command} {kind} {file} failed:\n{output}");
    }

    [Fact]
    public void The_Grafana_dashboard_is_JSON_with_a_query_on_every_panel()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(PrometheusProcess.ConfigDirectory, "grafana-dashboard.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.NotEmpty(panels);
        Assert.All(panels, panel => Assert.Contains(panel.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
    }

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { WorkingDirectory = PrometheusProcess.ConfigDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
