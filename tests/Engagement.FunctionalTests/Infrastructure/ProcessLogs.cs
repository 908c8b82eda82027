using System.Globalization;

namespace Engagement.FunctionalTests.Infrastructure;

/// <summary>
/// Where processes started by tests write their logs: <c>ENGAGE_TEST_LOGS</c> (<c>./engage test</c> points it
/// into the run's results folder, next to the TRX files), else a folder of this test run under /tmp.
/// </summary>
public static class ProcessLogs
{
    public const string EnvironmentVariable = "ENGAGE_TEST_LOGS";

    private static readonly Lazy<string> Root = new(() =>
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(Path.GetTempPath(), "engagement-tests",
                DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    });

    /// <summary>A new folder for one group of processes (e.g. one cluster), named after <paramref name="label"/>.</summary>
    public static string NewFolder(string label)
    {
        var safe = new string(label.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').Take(48).ToArray());
        var folder = Path.Combine(Root.Value, $"{safe}-{Guid.NewGuid().ToString("N")[..6]}");
        System.IO.Directory.CreateDirectory(folder);
        return folder;
    }
}
