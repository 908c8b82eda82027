using System.Text;
using System.Text.Json;
using Engagement.Api.Hubs;
using Engagement.Api.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.UnitTests.Realtime;

/// <summary>
/// The watch groups' fan-out (directory, site visitors, dashboard): every member gets every broadcast once, in the
/// order the broadcasts came; broadcasts that arrive while a pass is being written are coalesced into one frame
/// per member; connections that left the group or disconnected get nothing.
/// </summary>
public class WatchGroupFanoutTests
{
    private const string Group = WatchGroups.Directory;
    private static readonly IHubProtocol Json = new JsonHubProtocol();

    /// <summary>A connection that records the frames written to it (as its protocol's bytes) instead of sending them.</summary>
    private sealed class RecordingConnection(string id) : HubConnectionContext(new DefaultConnectionContext(id), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
    {
        private readonly List<byte[]> _frames = [];

        /// <summary>Set to hold the first write until released (a pass still being written).</summary>
        public ManualResetEventSlim? HoldFirstWrite { get; init; }

        public ManualResetEventSlim Writing { get; } = new();

        public override IHubProtocol Protocol => Json;

        public override ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
        {
            var bytes = message.GetSerializedMessage(Protocol).ToArray();
            Writing.Set();
            if (HoldFirstWrite is { } hold && Frames.Count == 0) hold.Wait(TimeSpan.FromSeconds(10));
            lock (_frames) _frames.Add(bytes);
            return ValueTask.CompletedTask;
        }

        public IReadOnlyList<byte[]> Frames
        {
            get { lock (_frames) return [.. _frames]; }
        }

        /// <summary>Every event received, in order, as (event name, the payload's "n").</summary>
        public List<(string Name, int N)> Events() => Frames.SelectMany(Messages).ToList();

        private static IEnumerable<(string Name, int N)> Messages(byte[] frame) =>
            Encoding.UTF8.GetString(frame).Split('\u001e', StringSplitOptions.RemoveEmptyEntries).Select(record =>
            {
                using var json = JsonDocument.Parse(record);
                return (json.RootElement.GetProperty("target").GetString()!, json.RootElement.GetProperty("arguments")[0].GetProperty("n").GetInt32());
            });
    }

    private static WatchGroupLifetimeManager<VisitorHub> Manager() => new(NullLoggerFactory.Instance);

    private static async Task<RecordingConnection> ConnectAsync(WatchGroupLifetimeManager<VisitorHub> manager, string id, bool watch, ManualResetEventSlim? hold = null)
    {
        var connection = new RecordingConnection(id) { HoldFirstWrite = hold };
        await manager.OnConnectedAsync(connection);
        if (watch) await manager.AddToGroupAsync(id, Group);
        return connection;
    }

    private static async Task WaitUntil(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the broadcast did not arrive");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Every_member_gets_every_broadcast_once_in_order()
    {
        var manager = Manager();
        var a = await ConnectAsync(manager, "a", watch: true);
        var b = await ConnectAsync(manager, "b", watch: true);
        var outsider = await ConnectAsync(manager, "c", watch: false);

        for (var n = 1; n <= 20; n++) manager.Broadcast(Group, ClientEvents.DirectoryPresence, new { n });
        await WaitUntil(() => a.Events().Count == 20 && b.Events().Count == 20);
        await Task.Delay(50); // nothing more, nothing to the outsider

        var expected = Enumerable.Range(1, 20).Select(n => (ClientEvents.DirectoryPresence, n)).ToList();
        Assert.Equal(expected, a.Events());
        Assert.Equal(expected, b.Events());
        Assert.Empty(outsider.Frames);
    }

    [Fact]
    public async Task Broadcasts_during_a_pass_go_out_together_as_one_more_frame()
    {
        var manager = Manager();
        using var hold = new ManualResetEventSlim();
        var slow = await ConnectAsync(manager, "slow", watch: true, hold);

        manager.Broadcast(Group, ClientEvents.DirectoryPresence, new { n = 1 });
        Assert.True(slow.Writing.Wait(TimeSpan.FromSeconds(10)), "the first pass never started");
        for (var n = 2; n <= 4; n++) manager.Broadcast(Group, ClientEvents.DirectoryPresence, new { n });
        hold.Set();

        await WaitUntil(() => slow.Events().Count == 4);
        Assert.Equal([1, 2, 3, 4], slow.Events().Select(e => e.N));
        Assert.Equal(2, slow.Frames.Count); // [1], then [2, 3, 4] in one frame
        Assert.Equal(2, manager.Passes);
    }

    [Fact]
    public async Task Connections_that_unwatched_or_closed_get_nothing_more()
    {
        var manager = Manager();
        var stays = await ConnectAsync(manager, "stays", watch: true);
        var unwatches = await ConnectAsync(manager, "unwatches", watch: true);
        var closes = await ConnectAsync(manager, "closes", watch: true);

        manager.Broadcast(Group, ClientEvents.DirectoryPresence, new { n = 1 });
        await WaitUntil(() => stays.Events().Count == 1 && unwatches.Events().Count == 1 && closes.Events().Count == 1);
        await manager.RemoveFromGroupAsync("unwatches", Group);
        await manager.OnDisconnectedAsync(closes);
        manager.Broadcast(Group, ClientEvents.DirectoryPresence, new { n = 2 });

        await WaitUntil(() => stays.Events().Count == 2);
        await Task.Delay(50);
        Assert.Single(unwatches.Events());
        Assert.Single(closes.Events());
    }

    [Fact]
    public async Task Sends_to_a_watch_group_through_SignalR_take_the_same_path()
    {
        var manager = Manager();
        var watcher = await ConnectAsync(manager, "w", watch: true);

        await manager.SendGroupAsync(Group, ClientEvents.DirectoryPresence, [new { n = 7 }]);

        await WaitUntil(() => watcher.Events().Count == 1);
        Assert.Equal([(ClientEvents.DirectoryPresence, 7)], watcher.Events());
        Assert.Equal(1, manager.Passes);
    }
}
