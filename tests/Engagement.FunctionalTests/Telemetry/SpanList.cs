using System.Diagnostics;

namespace Engagement.FunctionalTests.Telemetry;

/// <summary>An in-memory exporter's collection: the exporter adds under a lock of its own while a test reads.</summary>
internal sealed class SpanList : ICollection<Activity>
{
    private readonly List<Activity> _items = [];

    public IReadOnlyList<Activity> Snapshot() { lock (_items) return [.. _items]; }
    public void Add(Activity item) { lock (_items) _items.Add(item); }
    public void Clear() { lock (_items) _items.Clear(); }
    public bool Contains(Activity item) { lock (_items) return _items.Contains(item); }
    public void CopyTo(Activity[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
    public bool Remove(Activity item) { lock (_items) return _items.Remove(item); }
    public int Count { get { lock (_items) return _items.Count; } }
    public bool IsReadOnly => false;
    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
