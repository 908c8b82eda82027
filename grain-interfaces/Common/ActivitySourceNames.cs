namespace Engagement;

/// <summary>
/// The names of our own activity sources (System.Diagnostics): spans that the platform's (ASP.NET Core, SignalR,
/// Orleans, Npgsql, HttpClient) do not already give. The tracing wiring (api/Telemetry) records every source named here;
/// docs/operations.md, "Traces", says what each span means.
/// </summary>
public static class ActivitySourceNames
{
    /// <summary>One span per transcript batch written: its parent is one of the appends' callers, the others are links.</summary>
    public const string Transcript = "Engagement.Transcript";

    public static IReadOnlyList<string> All { get; } = [Transcript];
}
