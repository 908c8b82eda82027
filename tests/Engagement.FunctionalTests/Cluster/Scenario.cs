namespace Engagement.FunctionalTests.Cluster;

/// <summary>Builds queues, agents and connected clients with unique ids, so tests can share one cluster.</summary>
public sealed class Scenario(IGrainFactory grains, Func<int, (IConnectionRouter Router, RecordingRouter Recorder, SiloAddress Silo)> routerOn)
    : IAsyncDisposable
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _heartbeats = [];

    public IGrainFactory Grains => grains;

    public async Task<string> Queue(TimeSpan? offerTimeout = null, string[]? skills = null)
    {
        var id = $"q-{_tag}-{Guid.NewGuid().ToString("N")[..6]}";
        await grains.GetQueue(id).Configure(new QueueDefinition(id, "Test queue", skills ?? ["support"], offerTimeout ?? TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60)));
        return id;
    }

    public async Task<string> Agent(string queueId, string name, string[]? skills = null, int capacity = 2)
    {
        var id = $"{name}-{_tag}";
        await grains.GetAgent(id).Configure(new AgentProfile(id, name, $"{id}@example.com", StaffRole.Agent, skills ?? ["support"], capacity, [queueId]));
        return id;
    }

    /// <summary>A connection held by silo <paramref name="siloIndex"/>.</summary>
    public (ConnectionRef Ref, RecordingRouter Recorder) Connection(int siloIndex, HubKind hub)
    {
        var (router, recorder, silo) = routerOn(siloIndex);
        return (new ConnectionRef($"c-{Guid.NewGuid():N}", hub, router, silo), recorder);
    }

    /// <summary>Connects an agent's workspace on a silo; unless told otherwise, renews its lease as the silo would.</summary>
    public async Task<(ConnectionRef Ref, RecordingRouter Recorder)> ConnectAgent(string agentId, int siloIndex = 0, bool heartbeat = true)
    {
        var connection = Connection(siloIndex, HubKind.Agent);
        await grains.GetAgent(agentId).Connect(connection.Ref);
        if (heartbeat) _heartbeats.Add(HeartbeatAsync(() => grains.GetAgent(agentId).Renew([connection.Ref])));
        return connection;
    }

    /// <summary>Connects a visitor's tab on a silo and renews its lease as the silo would.</summary>
    public async Task<ConnectionRef> ConnectVisitor(string customerId, VisitorLocation location, int siloIndex = 0)
    {
        var connection = Connection(siloIndex, HubKind.Visitor).Ref;
        await grains.GetCustomer(customerId).Connect(connection, location);
        _heartbeats.Add(HeartbeatAsync(() => grains.GetCustomer(customerId).Renew([new VisitorLease(connection, location)])));
        return connection;
    }

    private async Task HeartbeatAsync(Func<Task> beat)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await beat();
                await Task.Delay(200, _stop.Token);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the timeout only bounds a failing test.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not true: {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_heartbeats);
        _stop.Dispose();
    }

    public static Caller Visitor(string id) => Caller.Visitor(id, "Visitor " + id);

    public static string NewVisitorId() => Ids.New("v_");

    public static string NewSessionId() => Ids.New("s_");

    /// <summary>A session accepted by <paramref name="agentId"/>, with the visitor's tab joined on silo 1.</summary>
    public async Task<LiveSession> ActiveAsync(string queue, string agentId, ConnectionRef agentConnection, RecordingRouter agentEvents)
    {
        var visitor = Visitor(NewVisitorId());
        var sessionId = NewSessionId();
        await grains.GetSession(sessionId).Start(visitor, new StartSessionRequest(queue, "Upgrade"));
        await agentEvents.WaitFor<SessionOffer>(agentConnection.ConnectionId, ClientEvents.Offer, o => o.SessionId == sessionId);
        await grains.GetAgent(agentId).Accept(sessionId);
        var (connection, events) = Connection(1, HubKind.Visitor);
        await grains.GetSession(sessionId).Join(visitor, connection, 0);
        return new LiveSession(sessionId, visitor, connection, events);
    }
}

/// <summary>An active session and its visitor's joined connection, with what that connection received.</summary>
public sealed record LiveSession(string SessionId, Caller Visitor, ConnectionRef VisitorConnection, RecordingRouter VisitorEvents)
{
    /// <summary>Waits for the system line <paramref name="text"/> on the visitor's connection.</summary>
    public Task<ChatMessage> LineAsync(string text) =>
        VisitorEvents.WaitFor<ChatMessage>(VisitorConnection.ConnectionId, ClientEvents.Message, m => m.Kind == MessageKind.Event && m.Text == text);
}
