using Engagement.Customers;
using static Engagement.Context.ContextValues;

namespace Engagement.Context;

/// <summary>What applying a signal did: whether the live context changed, and how soon it must be stored.</summary>
/// <param name="WriteNow">
/// Location, weather, facts and interactions are written on receipt: once the grain has consumed a signal the stream
/// forgets it, so only what is stored survives the loss of the grain's silo.
/// </param>
/// <param name="WriteSoon">Page views, events and device readings are written coalesced, a few seconds later.</param>
/// <param name="Coordinates">A location with coordinates arrived (weather may be looked up).</param>
public readonly record struct SignalOutcome(bool ContextChanged, bool WriteNow, bool WriteSoon, (double Latitude, double Longitude)? Coordinates = null)
{
    public static readonly SignalOutcome Unchanged = new(false, false, false);

    /// <summary>Only bookkeeping the live context does not show changed (a newer time for the same value): store it, push nothing.</summary>
    public static readonly SignalOutcome Bookkeeping = new(false, false, true);
}

/// <summary>
/// Folds context signals into a customer's <see cref="CustomerContextState"/>. Pure and lenient: signals were
/// validated where they entered (hub or ingestion endpoint), so anything unreadable here is skipped, never thrown.
/// <para>
/// The context stream delivers at least once and in no guaranteed order (a batch can come again after a silo
/// dies, or overtake an older one), so every rule here is idempotent and order-safe, with the signal's own
/// content (kind, name, values, time, source) as its identity: applying a signal twice changes nothing the
/// second time, and any order of the same signals gives the same context. Per thing (device reading, fact,
/// location, time zone, weather) the signal with the latest time wins; an equal time with other content is
/// decided by comparing the values, not by arrival. Lists (page trail, events, interactions) are sets ordered
/// by time, newest first, so a late signal goes where its time puts it, and a duplicate is found and skipped
/// (the page trail's reload rule needs a little more, see <see cref="Context.PageTrail"/>).
/// </para>
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
        var (stored, shown) = Context.PageTrail.Add(state.PageTrail, new PageVisit(url, Text(signal.Values, "title"), signal.At));
        return shown ? new SignalOutcome(true, false, true) : stored ? SignalOutcome.Bookkeeping : SignalOutcome.Unchanged;
    }

    private static SignalOutcome Event(CustomerContextState state, ContextSignal signal)
    {
        var events = state.RecentEvents;
        if (events.Exists(e => SameSignal(e, signal))) return SignalOutcome.Unchanged;
        var index = NewestFirstIndex(events, e => e.At, signal.At);
        if (index >= ContextLimits.RecentEvents) return SignalOutcome.Unchanged;
        events.Insert(index, signal);
        Trim(events, ContextLimits.RecentEvents);
        return new SignalOutcome(true, false, true);
    }

    private static SignalOutcome Device(CustomerContextState state, ContextSignal signal)
    {
        if (Text(signal.Values, "value") is not { } value) return SignalOutcome.Unchanged;
        var deviceId = Text(signal.Values, "deviceId") ?? "default";
        var reading = new DeviceReading(deviceId, signal.Name, value, Text(signal.Values, "unit"), signal.At);
        var devices = state.Devices;
        var index = devices.FindIndex(d => d.DeviceId == deviceId && d.Name == signal.Name);
        if (index >= 0)
        {
            if (!Wins(reading.At, Tie(reading), devices[index].At, Tie(devices[index]))) return SignalOutcome.Unchanged;
            devices.RemoveAt(index);
        }
        else if (devices.Count >= ContextLimits.Devices && reading.At < devices.Min(d => d.At))
        {
            return SignalOutcome.Unchanged; // a new reading older than every kept one would be the one pushed out
        }
        devices.Insert(NewestFirstIndex(devices, d => d.At, reading.At), reading);
        if (devices.Count > ContextLimits.Devices) devices.Remove(devices.MinBy(d => d.At)!);
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
            return timeZone is null ? SignalOutcome.Unchanged : TimeZone(state, timeZone, signal.At, writeNow: true);
        }

        var place = new LocationInfo(city, region, country, latitude, longitude, timeZone, signal.Source, signal.At);
        if (state.Location is { } known && (place == known || !Wins(place.At, Tie(place), known.At, Tie(known))))
            return SignalOutcome.Unchanged;
        state.Location = place;
        if (timeZone is not null) TimeZone(state, timeZone, signal.At, writeNow: true);
        return new SignalOutcome(true, true, false, latitude is { } lat && longitude is { } lon ? (lat, lon) : null);
    }

    /// <summary>The latest reported zone wins; the same zone reported later only moves its time on.</summary>
    private static SignalOutcome TimeZone(CustomerContextState state, string zone, DateTimeOffset at, bool writeNow)
    {
        if (state.TimeZoneAt is { } known && (known > at || (known == at && string.CompareOrdinal(state.TimeZone, zone) >= 0)))
            return SignalOutcome.Unchanged;
        var changed = state.TimeZone != zone;
        state.TimeZone = zone;
        state.TimeZoneAt = at;
        return changed ? new SignalOutcome(true, writeNow, false) : SignalOutcome.Bookkeeping;
    }

    private static SignalOutcome Weather(CustomerContextState state, ContextSignal signal)
    {
        var summary = Text(signal.Values, "summary");
        var temperature = Number(signal.Values, "temperatureC");
        if (summary is null && temperature is null) return SignalOutcome.Unchanged;
        var weather = new WeatherInfo(summary ?? "", temperature, signal.Source, Time(signal.Values, "observedAt") ?? signal.At);
        if (state.Weather is { } known && (weather == known || !Wins(weather.ObservedAt, Tie(weather), known.ObservedAt, Tie(known))))
            return SignalOutcome.Unchanged;
        state.Weather = weather;
        state.WeatherFromLookup = false;
        return new SignalOutcome(true, true, false);
    }

    private static SignalOutcome Fact(CustomerContextState state, ContextSignal signal)
    {
        if (Text(signal.Values, "value") is not { } value || string.IsNullOrWhiteSpace(signal.Name)) return SignalOutcome.Unchanged;
        if (state.Facts.TryGetValue(signal.Name, out var known))
        {
            if (!Wins(signal.At, value, known.At, known.Value)) return SignalOutcome.Unchanged;
            state.Facts[signal.Name] = new ContextFact(value, signal.At);
            // The same value set again: only its time moves on (so a late older value cannot win over it).
            return known.Value == value ? SignalOutcome.Bookkeeping : new SignalOutcome(true, true, false);
        }
        state.Facts[signal.Name] = new ContextFact(value, signal.At);
        if (state.Facts.Count > ContextLimits.Facts) state.Facts.Remove(state.Facts.MinBy(f => f.Value.At).Key);
        return new SignalOutcome(true, true, false);
    }

    private static SignalOutcome Interaction(CustomerContextState state, ContextSignal signal)
    {
        if (Text(signal.Values, "channel") is not { } channel || Text(signal.Values, "summary") is not { } summary) return SignalOutcome.Unchanged;
        var entry = new HistoryEntry(channel, summary, signal.At, null, Text(signal.Values, "outcome"));
        if (state.Interactions.Contains(entry)) return SignalOutcome.Unchanged; // posted (or delivered) before
        // Newest first; a late-posted older interaction goes where it belongs.
        var index = NewestFirstIndex(state.Interactions, i => i.At, entry.At);
        if (index >= ContextLimits.Interactions) return SignalOutcome.Unchanged;
        state.Interactions.Insert(index, entry);
        Trim(state.Interactions, ContextLimits.Interactions);
        // History is not part of the live context panel.
        return new SignalOutcome(false, true, false);
    }

    /// <summary>
    /// Whether a candidate replaces what is kept: a later time wins; at the same time, the greater tie-break text
    /// (so two different values stamped alike settle the same way in any order); the same value never "wins".
    /// </summary>
    private static bool Wins(DateTimeOffset at, string tie, DateTimeOffset keptAt, string keptTie) =>
        at > keptAt || (at == keptAt && string.CompareOrdinal(tie, keptTie) > 0);

    private static string Tie(DeviceReading r) => $"{r.Value}\u0001{r.Unit}";
    private static string Tie(LocationInfo l) => FormattableString.Invariant($"{l.City}\u0001{l.Region}\u0001{l.Country}\u0001{l.Latitude}\u0001{l.Longitude}\u0001{l.TimeZone}\u0001{l.Source}");
    private static string Tie(WeatherInfo w) => FormattableString.Invariant($"{w.Summary}\u0001{w.TemperatureC}\u0001{w.Source}");

    /// <summary>Where an entry of time <paramref name="at"/> goes in a newest-first list: before every entry not newer (arrival order among equal times).</summary>
    private static int NewestFirstIndex<T>(List<T> newestFirst, Func<T, DateTimeOffset> time, DateTimeOffset at)
    {
        var index = newestFirst.FindIndex(e => time(e) <= at);
        return index < 0 ? newestFirst.Count : index;
    }

    /// <summary>The same signal delivered again: every field equal, the values by content.</summary>
    private static bool SameSignal(ContextSignal a, ContextSignal b) =>
        a.Kind == b.Kind && a.At == b.At && a.Name == b.Name && a.Source == b.Source && a.CustomerId == b.CustomerId
        && a.Values.Count == b.Values.Count
        && a.Values.All(v => b.Values.TryGetValue(v.Key, out var other) && other == v.Value);

    private static void Trim<T>(List<T> newestFirst, int max)
    {
        if (newestFirst.Count > max) newestFirst.RemoveRange(max, newestFirst.Count - max);
    }
}
