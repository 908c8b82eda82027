namespace Engagement.Customers;

/// <summary>
/// The customer's persisted live context, in a row of its own ("customer-context") so page views do not
/// rewrite the customer's main state. Lists are newest first and capped (<see cref="Context.ContextLimits"/>).
/// </summary>
[GenerateSerializer, Alias("engagement.customer-context-state")]
public sealed class CustomerContextState
{
    /// <summary>IANA time zone id: the latest one reported (widget or location signal).</summary>
    [Id(0)] public string? TimeZone { get; set; }
    [Id(1)] public LocationInfo? Location { get; set; }
    [Id(2)] public WeatherInfo? Weather { get; set; }
    /// <summary>Page views as <see cref="Context.PageTrail"/> stores them (the shown trail is derived).</summary>
    [Id(3)] public List<PageVisit> PageTrail { get; set; } = [];
    [Id(4)] public List<DeviceReading> Devices { get; set; } = [];
    [Id(5)] public Dictionary<string, ContextFact> Facts { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public List<ContextSignal> RecentEvents { get; set; } = [];
    /// <summary>Interactions on other channels posted through ingestion, for the customer's history.</summary>
    [Id(7)] public List<HistoryEntry> Interactions { get; set; } = [];
    /// <summary>When each of the customer's sessions started, as far as this grain saw (proactive rules use it).</summary>
    [Id(8)] public Dictionary<string, DateTimeOffset> SessionStarts { get; set; } = new(StringComparer.Ordinal);
    /// <summary>True when <see cref="Weather"/> came from the weather provider, not from a posted signal.</summary>
    [Id(9)] public bool WeatherFromLookup { get; set; }
    /// <summary>
    /// The time of the newest signal that reported <see cref="TimeZone"/> (null: none yet, or stored before this
    /// was kept). A redelivered or late older one must not undo a newer zone.
    /// </summary>
    [Id(10)] public DateTimeOffset? TimeZoneAt { get; set; }
}

/// <summary>A posted fact and when it was last set (the oldest go first when there are too many).</summary>
[GenerateSerializer, Immutable, Alias("engagement.context-fact")]
public sealed record ContextFact(
    [property: Id(0)] string Value,
    [property: Id(1)] DateTimeOffset At);
