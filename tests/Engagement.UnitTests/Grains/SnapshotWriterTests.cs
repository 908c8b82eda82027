using Engagement.Common;
using Engagement.Queues;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Engagement.UnitTests.Grains;

public class SnapshotWriterTests
{
    private static readonly DeepCopier<QueueState> Copier =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<DeepCopier<QueueState>>();

    [Fact]
    public async Task A_write_stores_the_state_as_it_was_when_the_write_began_while_the_grain_goes_on_changing_it()
    {
        var storage = new SlowStorage(new QueueState { Members = ["a"] });
        var writer = new SnapshotWriter<QueueState>(storage, Copier);
        var live = writer.Live;
        Assert.Same(storage.State, live); // before the first write, the provider's own object

        var first = writer.WriteAsync();
        // Another turn of the reentrant grain changes the state while the provider is still on its way to serializing.
        live.Members.Add("b");
        storage.Open();
        await first;
        Assert.Equal(["a"], storage.Stored);
        Assert.Same(live, writer.Live);
        Assert.NotSame(live, storage.State);

        var second = writer.WriteAsync();
        await second;
        Assert.Equal(["a", "b"], storage.Stored);
    }

    /// <summary>A provider that serializes after an await, as the AdoNet one does after opening its connection.</summary>
    private sealed class SlowStorage(QueueState initial) : IPersistentState<QueueState>
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public QueueState State { get; set; } = initial;
        public string? Etag => null;
        public bool RecordExists => true;
        public List<string> Stored { get; private set; } = [];

        public void Open() => _open.TrySetResult();

        public async Task WriteStateAsync()
        {
            await _open.Task;
            Stored = [.. State.Members]; // enumerating here throws if the grain's list is the one being changed
        }

        public Task ClearStateAsync() => Task.CompletedTask;
        public Task ReadStateAsync() => Task.CompletedTask;
    }
}
