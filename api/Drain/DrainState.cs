namespace Engagement.Api.Drain;

/// <summary>
/// Whether this node is draining, read by readiness (load balancers stop routing here) and by the hub endpoints
/// (new connections are refused with 503 so clients land on another node).
/// </summary>
public sealed class DrainState
{
    private volatile StrongBox<DateTimeOffset>? _closeAt;

    public bool IsDraining => _closeAt is not null;

    /// <summary>When the connections still here will be closed; null while not draining.</summary>
    public DateTimeOffset? CloseAt => _closeAt?.Value;

    /// <summary>Starts draining; false when a drain had already started.</summary>
    internal bool TryBegin(DateTimeOffset closeAt) =>
        Interlocked.CompareExchange(ref _closeAt, new StrongBox<DateTimeOffset>(closeAt), null) is null;

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; } = value;
    }
}
