using System.Collections.Concurrent;
using Engagement.Api.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Realtime;

/// <summary>
/// SignalR's in-memory lifetime manager, with the watch groups (<see cref="WatchGroups"/>: the team directory, the
/// site's visitors, the dashboard) fanned out by us. A broadcast is serialized once, as bytes, and those bytes are
/// written to every member; broadcasts to a group that arrive while a pass over its members is still being written
/// are coalesced into the next pass, as one frame per connection holding every event in arrival order (SignalR's
/// protocols allow several messages in a frame; every client splits them). So a burst of N changes costs each
/// watcher about one write, not N, and a lone change goes out at once. Per connection, the events of a group are
/// written in the order the broadcasts arrived: one pass of a group at a time, each written before the next.
/// Everything else (joins, leaves, other sends) is SignalR's own.
/// </summary>
internal sealed partial class WatchGroupLifetimeManager<THub>
    : DefaultHubLifetimeManager<THub> where THub : Hub
{
    private readonly ILogger _logger;

    public WatchGroupLifetimeManager(ILoggerFactory loggers, WatcherCensus? census = null)
        : base(loggers.CreateLogger<DefaultHubLifetimeManager<THub>>())
    {
        _logger = loggers.CreateLogger<WatchGroupLifetimeManager<THub>>();
        census?.Register(HubName, () => _groups.Values.Select(g => (g.Name, g.Members.Count)));
    }

    /// <summary>At most this many events go into one frame; more wait for the next pass.</summary>
    internal const int MaxEventsPerPass = 256;

    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WatchGroup> _groups = new(StringComparer.Ordinal);

    /// <summary>How many passes (frames per member) the broadcasts took; for tests and the meter.</summary>
    internal long Passes => Interlocked.Read(ref _passes);

    private long _passes;

    private static readonly string HubName = HubMetrics.Name(typeof(THub));

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        HubMetrics.Connected(HubName);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_connections.TryRemove(connection.ConnectionId, out _)) HubMetrics.Disconnected(HubName);
        foreach (var group in _groups.Values) group.Members.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        if (!WatchGroups.IsWatchGroup(groupName) || !_connections.TryGetValue(connectionId, out var connection)) return;
        var members = _groups.GetOrAdd(groupName, name => new WatchGroup(name)).Members;
        members[connectionId] = connection;
        // A close that ran meanwhile may have swept the groups before the add: do not keep a closed connection.
        if (!_connections.ContainsKey(connectionId)) members.TryRemove(connectionId, out _);
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        if (_groups.TryGetValue(groupName, out var group)) group.Members.TryRemove(connectionId, out _);
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        if (!WatchGroups.IsWatchGroup(groupName) || args.Length != 1) return base.SendGroupAsync(groupName, methodName, args, cancellationToken);
        Broadcast(groupName, methodName, args[0]);
        return Task.CompletedTask;
    }

    /// <summary>Queues an event for every member of <paramref name="group"/>; never waits and never throws.</summary>
    public void Broadcast(string group, string method, object? payload)
    {
        var watchGroup = _groups.GetOrAdd(group, name => new WatchGroup(name));
        lock (watchGroup.Gate)
        {
            watchGroup.Pending.Add(new InvocationMessage(method, [payload]));
            if (watchGroup.Sending) return; // the pass running now picks it up when it ends
            watchGroup.Sending = true;
        }
        // Off the caller's thread: the router's Orleans calls run one at a time, so a pass written inline would
        // hold back the next broadcast instead of letting it join the next pass. Queued locally, so this thread
        // takes it as soon as the call returns, rather than behind everything in the global queue (timer ticks,
        // sends) on a busy node.
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Manager.Send(state.Group), (Manager: this, Group: watchGroup), preferLocal: true);
    }

    private void Send(WatchGroup group)
    {
        while (true)
        {
            InvocationMessage[] events;
            lock (group.Gate)
            {
                if (group.Pending.Count == 0)
                {
                    group.Sending = false;
                    return;
                }
                var take = Math.Min(group.Pending.Count, MaxEventsPerPass);
                events = [.. group.Pending.GetRange(0, take)];
                group.Pending.RemoveRange(0, take);
            }
            try
            {
                WritePass(group, events);
            }
            catch (Exception e)
            {
                LogPassFailed(e, events.Length, group.Name);
            }
        }
    }

    /// <summary>One frame per member with every event of the pass, serialized once per protocol in use.</summary>
    private void WritePass(WatchGroup group, InvocationMessage[] events)
    {
        Interlocked.Increment(ref _passes);
        RealtimeMetrics.BroadcastPasses.Add(1);
        RealtimeMetrics.BroadcastEvents.Add(events.Length);
        IHubProtocol? lastProtocol = null;
        SerializedHubMessage? lastFrame = null;
        Dictionary<string, SerializedHubMessage>? frames = null;
        foreach (var (_, connection) in group.Members)
        {
            var protocol = connection.Protocol;
            SerializedHubMessage frame;
            if (ReferenceEquals(protocol, lastProtocol)) frame = lastFrame!;
            else
            {
                frames ??= new Dictionary<string, SerializedHubMessage>(StringComparer.Ordinal);
                if (!frames.TryGetValue(protocol.Name, out frame!)) frames[protocol.Name] = frame = Frame(protocol, events);
                (lastProtocol, lastFrame) = (protocol, frame);
            }
            try
            {
                var write = connection.WriteAsync(frame);
                if (!write.IsCompletedSuccessfully) _ = ObserveAsync(write, group.Name);
            }
            catch (Exception e)
            {
                LogWriteFailed(e, group.Name);
            }
        }
    }

    /// <summary>The events as one buffer of consecutive protocol messages (each carries its own delimiter or length).</summary>
    internal static SerializedHubMessage Frame(IHubProtocol protocol, IReadOnlyList<InvocationMessage> events)
    {
        if (events.Count == 1) return new SerializedHubMessage([new SerializedMessage(protocol.Name, protocol.GetMessageBytes(events[0]))]);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512 * events.Count);
        foreach (var evt in events) protocol.WriteMessage(evt, buffer);
        return new SerializedHubMessage([new SerializedMessage(protocol.Name, buffer.WrittenMemory)]);
    }

    private async Task ObserveAsync(ValueTask write, string group)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogWriteFailed(e, group);
        }
    }

    private sealed class WatchGroup(string name)
    {
        public string Name { get; } = name;
        public ConcurrentDictionary<string, HubConnectionContext> Members { get; } = new(StringComparer.Ordinal);
        public Lock Gate { get; } = new();
        public List<InvocationMessage> Pending { get; } = [];
        public bool Sending { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write a broadcast to a connection of watch group '{Group}'.")]
    private partial void LogWriteFailed(Exception exception, string group);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of {Count} broadcast(s) to watch group '{Group}' failed.")]
    private partial void LogPassFailed(Exception exception, int count, string group);
}
