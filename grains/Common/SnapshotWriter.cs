using Orleans.Serialization;

namespace Engagement.Common;

/// <summary>
/// The persisted state of a [Reentrant] grain, and its writes. The AdoNet provider serializes the state only
/// after its first await (it opens a connection first), while the grain's other turns go on changing it: a list
/// changed mid-serialization failed a write with "Collection was modified" (a queue under the chaos test), and a
/// dictionary could be stored half-changed. So the grain reads and changes <see cref="Live"/>, and each write hands
/// the provider a deep copy taken in the grain's own turn. Writes coalesce (<see cref="CoalescingWriter"/>):
/// awaiting <see cref="WriteAsync"/> means every change made before it is durable.
/// </summary>
internal sealed class SnapshotWriter<TState>(IPersistentState<TState> storage, DeepCopier<TState> copier)
    where TState : class
{
    private TState? _live;
    private CoalescingWriter? _writer;

    /// <summary>
    /// The state the grain reads and changes. Until the first write it is the provider's own object (Orleans loads it
    /// after the grain's constructor, so it is not captured any earlier); from then on the provider holds copies.
    /// </summary>
    public TState Live => _live ?? storage.State;

    /// <summary>Stores every change made to <see cref="Live"/> so far; joins a write about to start.</summary>
    public Task WriteAsync() => (_writer ??= new CoalescingWriter(WriteCopyAsync)).WriteAsync();

    private Task WriteCopyAsync()
    {
        _live ??= storage.State;
        storage.State = copier.Copy(_live);
        return storage.WriteStateAsync();
    }
}
