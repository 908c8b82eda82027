using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Scenario;

/// <summary>
/// A scenario file (JSON): which kinds of traffic run at the same time against one server, how much of each, and each
/// one's rate — a number (steady for <c>duration</c> seconds) or a rate profile string such as
/// <c>"ramp:50-300:20,steady:300:30,spike:1000:5"</c>. Every part starts with <see cref="Warmup"/> seconds at its first
/// rate. load-tests/Scenario/examples/ has examples. (Calls with synthetic media are not a part yet: the media
/// benchmark's clients are Python, aiortc, outside this tool.)
/// </summary>
internal sealed record ScenarioFile(
    string Name = "scenario", double Warmup = 5,
    ChatPart? Chat = null, ContextPart? Context = null, SiteVisitorsPart? SiteVisitors = null, DirectoryPart? Directory = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static ScenarioFile Parse(string json)
    {
        var scenario = JsonSerializer.Deserialize<ScenarioFile>(json, Options) ?? throw new FormatException("the scenario file is empty");
        if (scenario.Chat is null && scenario.Context is null && scenario.SiteVisitors is null && scenario.Directory is null)
            throw new FormatException("a scenario needs at least one of chat, context, siteVisitors, directory");
        if (scenario.Warmup < 0) throw new FormatException("warmup must be ≥ 0");
        // Each rate is checked now, before any connection is made.
        _ = scenario.Chat?.Schedule();
        _ = scenario.Context?.Schedule();
        _ = scenario.SiteVisitors?.Schedule();
        return scenario;
    }

    public static ScenarioFile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>A part's rate: a number for <paramref name="duration"/> seconds, or a rate profile.</summary>
    internal static RateSchedule ScheduleOf(JsonElement rate, double duration) => rate.ValueKind switch
    {
        JsonValueKind.Number => RateSchedule.Parse(string.Create(CultureInfo.InvariantCulture, $"steady:{rate.GetDouble()}:{duration}")),
        JsonValueKind.String => RateSchedule.Parse(rate.GetString()!),
        _ => throw new FormatException("a rate is a number (per second) or a profile such as \"ramp:50-300:20,steady:300:30,spike:1000:5\""),
    };
}

/// <summary>Visitors chatting with agents (the <c>chat</c> command's run): messages per second in total.</summary>
internal sealed record ChatPart(JsonElement Rate, int Conversations = 50, int Capacity = 50, double Duration = 30, int Size = 100)
{
    public RateSchedule Schedule() => ScenarioFile.ScheduleOf(Rate, Duration);
}

/// <summary>Device signals posted for live sessions (the <c>context</c> command's run): signals per second in total.</summary>
internal sealed record ContextPart(JsonElement Rate, int Sessions = 20, int Capacity = 50, double Duration = 30, int HttpConnections = 8)
{
    public RateSchedule Schedule() => ScenarioFile.ScheduleOf(Rate, Duration);
}

/// <summary>Visitors moving between pages, watched by agents (the <c>site-visitors</c> command's run): page changes per second.</summary>
internal sealed record SiteVisitorsPart(JsonElement Rate, int Visitors = 100, int Watchers = 10, int SampledWatchers = 5, double Duration = 30)
{
    public RateSchedule Schedule() => ScenarioFile.ScheduleOf(Rate, Duration);
}

/// <summary>Presence watchers (the <c>directory</c> command's run): one representative flips, every watcher hears it.</summary>
internal sealed record DirectoryPart(int Watchers = 100, int Flips = 10, int IntervalMs = 2000);
