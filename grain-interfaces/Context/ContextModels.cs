namespace Engagement;

/// <summary>What a context signal says.</summary>
public enum ContextSignalKind
{
    /// <summary>The visitor opened a page (widget). Values: url, title, referrer.</summary>
    PageView = 0,
    /// <summary>A custom event the site tracked (widget track()). Name = event name; Values = its properties.</summary>
    Event = 1,
    /// <summary>A device or IoT reading. Name = reading name (e.g. "temperature"); Values: value, unit, deviceId.</summary>
    Device = 2,
    /// <summary>Where the customer is. Values: city, region, country, latitude, longitude, timeZone (IANA id).</summary>
    Location = 3,
    /// <summary>Weather where the customer is. Values: summary, temperatureC, observedAt (optional).</summary>
    Weather = 4,
    /// <summary>A custom fact from a back-end system (Name = fact, Values: value). Also: role, company, plan.</summary>
    Fact = 5,
    /// <summary>An interaction on another channel (email, phone, store visit). Values: channel, summary, outcome.</summary>
    Interaction = 6,
}

/// <summary>
/// One piece of live context about a customer, from the widget, a device or a back-end system.
/// Travels on the customer's context stream (<see cref="ContextStreams"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.context-signal")]
public sealed record ContextSignal(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] ContextSignalKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] Dictionary<string, string> Values,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string Source);

[GenerateSerializer, Immutable, Alias("engagement.page-visit")]
public sealed record PageVisit(
    [property: Id(0)] string Url,
    [property: Id(1)] string? Title,
    [property: Id(2)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("engagement.location-info")]
public sealed record LocationInfo(
    [property: Id(0)] string? City,
    [property: Id(1)] string? Region,
    [property: Id(2)] string? Country,
    [property: Id(3)] double? Latitude,
    [property: Id(4)] double? Longitude,
    [property: Id(5)] string? TimeZone,
    [property: Id(6)] string Source,
    [property: Id(7)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("engagement.weather-info")]
public sealed record WeatherInfo(
    [property: Id(0)] string Summary,
    [property: Id(1)] double? TemperatureC,
    [property: Id(2)] string Source,
    [property: Id(3)] DateTimeOffset ObservedAt);

/// <summary>The latest value of one reading of one device.</summary>
[GenerateSerializer, Immutable, Alias("engagement.device-reading")]
public sealed record DeviceReading(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Value,
    [property: Id(3)] string? Unit,
    [property: Id(4)] DateTimeOffset At);

/// <summary>Something that happened with the customer on any channel, for the agent's history view.</summary>
[GenerateSerializer, Immutable, Alias("engagement.history-entry")]
public sealed record HistoryEntry(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Summary,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? SessionId,
    [property: Id(4)] string? Outcome);

/// <summary>
/// The customer's live context as the agent workspace shows it: the four context clues (identity and
/// role, local time, location, weather), the page trail, the latest device readings, facts and recent events.
/// </summary>
/// <param name="TimeZone">IANA time zone id; the workspace shows the customer's local time from it.</param>
/// <param name="Version">Grows with every change; ignore a context older than the one shown.</param>
[GenerateSerializer, Immutable, Alias("engagement.customer-context")]
public sealed record CustomerContext(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool IsKnown,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] string? Role,
    [property: Id(4)] string? Company,
    [property: Id(5)] string? TimeZone,
    [property: Id(6)] LocationInfo? Location,
    [property: Id(7)] WeatherInfo? Weather,
    [property: Id(8)] PageVisit[] PageTrail,
    [property: Id(9)] DeviceReading[] Devices,
    [property: Id(10)] Dictionary<string, string> Facts,
    [property: Id(11)] ContextSignal[] RecentEvents,
    [property: Id(12)] DateTimeOffset? OnSiteSince,
    [property: Id(13)] long Version);

/// <summary>Names of the context stream.</summary>
public static class ContextStreams
{
    public const string Provider = "context";
    /// <summary>Stream namespace; the stream key is the customer id.</summary>
    public const string Namespace = "customer-context";
}
