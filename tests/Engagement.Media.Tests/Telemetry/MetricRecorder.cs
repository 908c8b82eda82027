using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engagement.Media.Tests.Telemetry;

/// <summary>
/// Listens to one meter's instruments (other engines of the test run have meters of the same name): counters are
/// summed, observable instruments keep their latest reading, per instrument and tag set.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tags), long> _values = new();

    public MetricRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The value of <paramref name="instrument"/> summed over the tag sets that include every one of <paramref name="tags"/>.</summary>
    public long Value(string instrument, params string[] tags)
    {
        _listener.RecordObservableInstruments();
        return _values.Where(v => v.Key.Instrument == instrument && tags.All(t => v.Key.Tags.Split(',').Contains(t))).Sum(v => v.Value);
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = (instrument.Name, string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}")));
        if (instrument.IsObservable) _values[key] = value;
        else _values.AddOrUpdate(key, value, (_, sum) => sum + value);
    }

    public void Dispose() => _listener.Dispose();
}
