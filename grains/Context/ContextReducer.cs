using Engagement.Customers;
using static Engagement.Context.ContextValues;

namespace Engagement.Context;

/// <summary>What applying a signal did: whether the live context changed, and how soon it must be stored.</summary>
/// <param name="WriteNow">Location, weather, facts and interactions are written on receipt: a memory stream does not survive the cluster.</param>
/// <param name="WriteSoon">Page views, events and device readings are written coalesced, a few seconds later.</param>
/// <param name="Coordinates">A location with coordinates arrived (weather may be looked up).</param>
public readonly record struct SignalOutcome(bool ContextChanged, bool WriteNow, bool WriteSoon, (double Latitude, double Longitude)? Coordinates = null)
{
    public static readonly SignalOutcome Unchanged = new(false, false, false);
}

/// <summary>
/// Folds context signals into a customer's <see cref="CustomerContextState"/>. Pure and lenient: signals were
/// validated where they entered (hub or ingestion endpoint), so anything unreadable here is skipped, never thrown.
/// A signal older than what the context already holds for the same thing (device reading, fact, location,
/// weather) is stale and ignored: streams may deliver a late one.
/// </summary>
public static class ContextReducer
{
    public static SignalOutcome Apply(CustomerContextState state, ContextSignal signal) => signal.Kind switch
    {
        ContextSignalKind.PageView => PageView(state, signal),
        ContextSignalKind.Event => Event(state, signal),
        ContextSignalKind.Device => Device(state, signal),
        ContextSignalKind.Location => Location(state, signal),
        ContextSignalKind.Weather => Weather(state, signal),
        ContextSignalKind.Fact => Fact(state, signal),
        ContextSignalKind.Interaction => Interaction(state, signal),
        _ => SignalOutcome.Unchanged,
    };

    private static SignalOutcome PageView(CustomerContextState state, ContextSignal signal)
    {
        if (Text(signal.Values, "url") is not { } url) return SignalOutcome.Unchanged;
        // A reload (or the widget reporting the page it connected with) is not a new step in the trail.
        if (state.PageTrail.Count > 0 && state.PageTrail[0].Url == url) return SignalOutcome.Unchanged;
        state.PageTrail.Insert(0, new PageVisit(url, Text(signal.Values, "title"), signal.At));
        Trim(state.PageTrail, ContextLimits.PageTrail);
        return new SignalOutcome(true, false, true);
    }

    private static SignalOutcome Event(CustomerContextState state, ContextSignal signal)
    {
        state.RecentEvents.Insert(0, signal);
        Trim(state.RecentEvents, ContextLimits.RecentEvents);
        return new SignalOutcome(true, false, true);
    }

    private static SignalOutcome Device(CustomerContextState state, ContextSignal signal)
    {
        if (Text(signal.Values, "value") is not { } value) return SignalOutcome.Unchanged;
        var deviceId = Text(signal.Values, "deviceId") ?? "default";
        var index = state.Devices.FindIndex(d => d.DeviceId == deviceId && d.Name == signal.Name);
        if (index >= 0)
        {
            if (state.Devices[index].At > signal.At) return SignalOutcome.Unchanged;
            state.Devices.RemoveAt(index);
        }
        state.Devices.Insert(0, new DeviceReading(deviceId, signal.Name, value, Text(signal.Values, "unit"), signal.At));
        if (state.Devices.Count > ContextLimits.Devices) state.Devices.Remove(state.Devices.MinBy(d => d.At)!);
        return new SignalOutcome(true, false, true);
    }

    private static SignalOutcome Location(CustomerContextState state, ContextSignal signal)
    {
        var values = signal.Values;
        var timeZone = Text(values, "timeZone") is { } zone && IsTimeZone(zone) ? zone : null;
        var (latitude, longitude) = (Number(values, "latitude"), Number(values, "longitude"));
        if (latitude is null || longitude is null || latitude is < -90 or > 90 || longitude is < -180 or > 180) (latitude, longitude) = (null, null);
        var (city, region, country) = (Text(values, "city"), Text(values, "region"), Text(values, "country"));

        if (city is null && region is null && country is null && latitude is null)
        {
            // Only a time zone (the widget reports the browser's): the local-time clue, not a place.
            if (timeZone is null || timeZone == state.TimeZone) return SignalOutcome.Unchanged;
            state.TimeZone = timeZone;
            return new SignalOutcome(true, true, false);
        }

        if (state.Location is { } known && known.At > signal.At) return SignalOutcome.Unchanged;
        state.Location = new LocationInfo(city, region, country, latitude, longitude, timeZone, signal.Source, signal.At);
        if (timeZone is not null) state.TimeZone = timeZone;
        return new SignalOutcome(true, true, false, latitude is { } lat && longitude is { } lon ? (lat, lon) : null);
    }

    private static SignalOutcome Weather(CustomerContextState state, ContextSignal signal)
    {
        var summary = Text(signal.Values, "summary");
        var temperature = Number(signal.Values, "temperatureC");
        if (summary is null && temperature is null) return SignalOutcome.Unchanged;
        var observedAt = Time(signal.Values, "observedAt") ?? signal.At;
        if (state.Weather is { } known && known.ObservedAt > observedAt) return SignalOutcome.Unchanged;
        state.Weather = new WeatherInfo(summary ?? "", temperature, signal.Source, observedAt);
        state.WeatherFromLookup = false;
        return new SignalOutcome(true, true, false);
    }

    private static SignalOutcome Fact(CustomerContextState state, ContextSignal signal)
    {
        if (Text(signal.Values, "value") is not { } value || string.IsNullOrWhiteSpace(signal.Name)) return SignalOutcome.Unchanged;
        if (state.Facts.TryGetValue(signal.Name, out var known) && (known.At > signal.At || known.Value == value)) return SignalOutcome.Unchanged;
        state.Facts[signal.Name] = new ContextFact(value, signal.At);
        if (state.Facts.Count > ContextLimits.Facts) state.Facts.Remove(state.Facts.MinBy(f => f.Value.At).Key);
        return new SignalOutcome(true, true, false);
    }

    private static SignalOutcome Interaction(CustomerContextState state, ContextSignal signal)
    {
        if (Text(signal.Values, "channel") is not { } channel || Text(signal.Values, "summary") is not { } summary) return SignalOutcome.Unchanged;
        var entry = new HistoryEntry(channel, summary, signal.At, null, Text(signal.Values, "outcome"));
        // Newest first; a late-posted older interaction goes where it belongs.
        var index = state.Interactions.FindIndex(i => i.At <= entry.At);
        state.Interactions.Insert(index < 0 ? state.Interactions.Count : index, entry);
        Trim(state.Interactions, ContextLimits.Interactions);
        // History is not part of the live context panel.
        return new SignalOutcome(false, true, false);
    }

    private static void Trim<T>(List<T> newestFirst, int max)
    {
        if (newestFirst.Count > max) newestFirst.RemoveRange(max, newestFirst.Count - max);
    }
}
