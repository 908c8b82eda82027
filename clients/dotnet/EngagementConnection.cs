using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Client;

/// <summary>Where and how to connect: one hub URL per node, or one behind a load balancer.</summary>
public sealed record EngagementConnectionOptions(IReadOnlyList<Uri> HubUrls, Func<Task<string?>> AccessToken)
{
    /// <summary>
    /// Waits between attempts (reconnects, retried calls); the last one repeats. Capped at a second: a chat must
    /// come back as soon as the cluster has, and an attempt costs the server little.
    /// </summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    /// <summary>
    /// How long a call that failed with <c>unavailable</c> or a lost connection keeps being retried, and how long a call
    /// waits for a live connection while reconnecting (then it fails with a <see cref="TimeoutException"/>).
    /// </summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A held message older than this with no join in flight makes the session re-join (the server promises no gaps).</summary>
    public TimeSpan GapPatience { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Told about reconnects and moves, for logs and reports.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Told about every failure that is retried (an <c>unavailable</c>, a lost connection), for reports.</summary>
    public Action<Exception>? Retrying { get; init; }
}

/// <summary>
/// A hub connection that stays up and keeps every joined session complete, as docs/protocol.md ("Failures and
/// recovery") asks of a client: it reconnects with backoff (to the next node when it has several URLs), moves
/// to a new connection when a draining node sends <c>reconnect</c>, re-joins every session from its highest
/// contiguous seq (paging when the reply has more), re-joins a session that shows a gap, and retries calls that
/// failed with <c>unavailable</c> or a lost connection — sends with the same client message id. This file holds the
/// connection's life (open, reconnect, move, retried calls); EngagementConnection.Sessions.cs the sessions.
/// Written here rather than taken from SignalR's automatic reconnect: that one cannot move to a new connection
/// before the old one closes, nor re-join sessions in the protocol's way.
/// </summary>
public sealed partial class EngagementConnection : IAsyncDisposable
{
    private readonly EngagementConnectionOptions _options;
    private readonly List<Action<HubConnection>> _handlers = [];
    private readonly Dictionary<string, SessionTranscript> _sessions = new(StringComparer.Ordinal);
    /// <summary>Messages of a session this client does not track yet: a StartSession's live events can beat its reply.</summary>
    private readonly Dictionary<string, List<(string ConnectionId, ChatMessage Message, DateTimeOffset At)>> _orphans = new(StringComparer.Ordinal);
    private static readonly TimeSpan OrphanLife = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private TaskCompletionSource<HubConnection> _ready = NewReady();
    private HubConnection? _current;
    private int _nextUrl;
    private int _reconnecting;
    private long _reconnects, _moves;
    private readonly Task _gapWatch;

    public EngagementConnection(EngagementConnectionOptions options)
    {
        _options = options;
        On<ChatMessage>(Protocol.MessageEvent, (connection, message) =>
        {
            if (Session(message.SessionId) is { } transcript) transcript.Live(IdOf(connection), message);
            else KeepOrphan(IdOf(connection), message);
        });
        On<ReconnectNotice>(Protocol.ReconnectEvent, (connection, notice) => _ = MoveAsync(connection, notice));
        _gapWatch = Task.Run(WatchGapsAsync);
    }

    /// <summary>Receives every message of every session once, in seq order per session, and whether it came live.</summary>
    public Action<ChatMessage, bool>? Delivered { get; set; }

    /// <summary>The live connection dropped (with the error, if any); a reconnect follows.</summary>
    public Action<Exception?>? Dropped { get; set; }

    /// <summary>Runs after every reconnect or move, after the sessions were re-joined (re-subscribe to boards, report the page…).</summary>
    public Func<HubConnection, Task>? Resumed { get; set; }

    /// <summary>Connections that dropped and were replaced.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Moves to a new connection asked by a draining node.</summary>
    public long Moves => Interlocked.Read(ref _moves);

    public IReadOnlyCollection<SessionTranscript> Sessions
    {
        get { lock (_gate) return [.. _sessions.Values]; }
    }

    public SessionTranscript? Session(string sessionId)
    {
        lock (_gate) return _sessions.GetValueOrDefault(sessionId);
    }

    /// <summary>Handles an event on every connection this object opens, now and later.</summary>
    public void On<T>(string method, Action<HubConnection, T> handler)
    {
        void Register(HubConnection c) => c.On<T>(method, payload => handler(c, payload));
        lock (_gate)
        {
            _handlers.Add(Register);
            if (_current is { } current) Register(current);
        }
    }

    public void On<T>(string method, Action<T> handler) => On<T>(method, (_, payload) => handler(payload));

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        lock (_gate) _current = connection;
        _ready.TrySetResult(connection);
    }

    /// <summary>
    /// The live connection, waiting while it is being replaced, but not past <paramref name="deadline"/>: a reconnect
    /// that never succeeds fails the call with a <see cref="TimeoutException"/> instead of hanging it.
    /// </summary>
    private async Task<HubConnection> ReadyConnectionAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var left = deadline - DateTimeOffset.UtcNow;
        try
        {
            return await _ready.Task.WaitAsync(left > MinimumReadyWait ? left : MinimumReadyWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No live connection to the server came within {_options.RetryFor} (EngagementConnectionOptions.RetryFor).");
        }
    }

    /// <summary>A call made at or after its deadline still gets this long for a connection already on its way.</summary>
    private static readonly TimeSpan MinimumReadyWait = TimeSpan.FromSeconds(1);

    /// <summary>Calls a hub method on the live connection, retrying while the server is <c>unavailable</c> or the connection is being replaced.</summary>
    public async Task<T> InvokeAsync<T>(string method, object?[] args, CancellationToken cancellationToken = default) =>
        (await InvokeOnAsync<T>(method, args, cancellationToken)).Result;

    /// <summary><see cref="InvokeAsync{T}"/>, with the connection that answered.</summary>
    private async Task<(T Result, HubConnection Connection)> InvokeOnAsync<T>(string method, object?[] args, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + _options.RetryFor;
        for (var attempt = 0; ; attempt++)
        {
            var connection = await ReadyConnectionAsync(deadline, cancellationToken);
            try
            {
                return (await connection.InvokeCoreAsync<T>(method, args, cancellationToken), connection);
            }
            catch (Exception e) when (Retryable(e, connection) && DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                _options.Retrying?.Invoke(e);
                await Task.Delay(Wait(attempt), cancellationToken);
            }
            catch (Exception e) when (ServerError.From(e) is { } error)
            {
                throw error;
            }
        }
    }

    /// <summary>
    /// Sends a message; a retry after a lost answer or an <c>unavailable</c> reuses the client message id, so it is
    /// stored once. The acknowledgement carries the message, which the session's transcript takes in its place: the
    /// connection that sent it gets no <c>message</c> event for it.
    /// </summary>
    public async Task<MessageAck> SendMessageAsync(string sessionId, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var transcript = Session(sessionId);
        transcript?.BeginSend();
        try
        {
            var (ack, connection) = await InvokeOnAsync<MessageAck>("SendMessage", [sessionId, clientMessageId ?? Guid.NewGuid().ToString("N"), text], cancellationToken);
            transcript?.Acked(IdOf(connection), ack.Message);
            return ack;
        }
        finally
        {
            transcript?.EndSend();
        }
    }

    private async Task<HubConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var url = _options.HubUrls[Interlocked.Increment(ref _nextUrl) % _options.HubUrls.Count];
        var connection = new HubConnectionBuilder()
            .WithUrl(url, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = _options.AccessToken;
            })
            .AddJsonProtocol(o => Protocol.Apply(o.PayloadSerializerOptions))
            .Build();
        lock (_gate)
        {
            foreach (var register in _handlers) register(connection);
        }
        connection.Closed += error => OnClosedAsync(connection, error);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    private Task OnClosedAsync(HubConnection connection, Exception? error)
    {
        ForgetConnection(connection);
        lock (_gate)
        {
            if (_current != connection || _disposed.IsCancellationRequested) return Task.CompletedTask;
            _current = null;
            if (_ready.Task.IsCompleted) _ready = NewReady();
        }
        Dropped?.Invoke(error);
        _ = ReconnectAsync();
        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        if (Interlocked.Exchange(ref _reconnecting, 1) == 1) return;
        try
        {
            for (var attempt = 0; !_disposed.IsCancellationRequested; attempt++)
            {
                await Task.Delay(Wait(attempt), _disposed.Token);
                HubConnection? connection = null;
                try
                {
                    connection = await OpenAsync(_disposed.Token);
                    await ResumeAsync(connection);
                    Publish(connection);
                    if (connection.State != HubConnectionState.Connected)
                    {
                        // The server closed it before it was published (a node that cannot reach the grains yet answers
                        // the handshake, then closes with `unavailable`): its Closed handler saw a connection that was
                        // not current and left the reconnect to this loop.
                        Unpublish(connection);
                        throw new InvalidOperationException("the server closed the connection as it was resumed");
                    }
                    Interlocked.Increment(ref _reconnects);
                    _options.Log?.Invoke($"reconnected (attempt {attempt + 1})");
                    break; // not return: the check below must see a connection that closed while this loop still held the flag
                }
                catch (Exception e) when (!_disposed.IsCancellationRequested)
                {
                    _options.Log?.Invoke($"reconnect attempt {attempt + 1} failed: {e.GetBaseException().Message}");
                    if (connection is not null) await Abandon(connection);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _reconnecting, 0);
        }
        // A connection that closed just after it was published found this loop still running and left it to it
        // (its Closed handler could not start another loop while this one held the flag).
        bool dropped;
        lock (_gate) dropped = _current is null && !_disposed.IsCancellationRequested;
        if (dropped) _ = ReconnectAsync();
    }

    /// <summary>A draining node asked to move: open a new connection and resume there, then let the old one go.</summary>
    private async Task MoveAsync(HubConnection old, ReconnectNotice notice)
    {
        try
        {
            await Task.Delay(Random.Shared.Next(Math.Max(1, notice.SpreadMs)), _disposed.Token);
            for (var attempt = 0; !_disposed.IsCancellationRequested && old.State == HubConnectionState.Connected; attempt++)
            {
                HubConnection? connection = null;
                try
                {
                    connection = await OpenAsync(_disposed.Token);
                    await ResumeAsync(connection);
                    lock (_gate)
                    {
                        if (_current != old) { _ = Abandon(connection); return; } // it dropped meanwhile; the reconnect path took over
                        _current = connection;
                        _ready.TrySetResult(connection);
                        _ready = Completed(connection);
                    }
                    Interlocked.Increment(ref _moves);
                    _options.Log?.Invoke($"moved off a draining node ({notice.Reason})");
                    ForgetConnection(old);
                    await old.DisposeAsync();
                    return;
                }
                catch (Exception e) when (!_disposed.IsCancellationRequested)
                {
                    _options.Log?.Invoke($"move attempt {attempt + 1} failed: {e.GetBaseException().Message}");
                    if (connection is not null) await Abandon(connection);
                    await Task.Delay(Wait(attempt), _disposed.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A connection opened for a reconnect or a move that is not going to be used: close it.</summary>
    private static async Task Abandon(HubConnection connection)
    {
        try { await connection.DisposeAsync(); }
        catch (Exception) { } // it is going away either way
    }

    private void Publish(HubConnection connection)
    {
        lock (_gate)
        {
            _current = connection;
            if (!_ready.TrySetResult(connection)) _ready = Completed(connection);
        }
    }

    /// <summary>Takes back a connection published by a reconnect that closed meanwhile: calls wait for the next one.</summary>
    private void Unpublish(HubConnection connection)
    {
        lock (_gate)
        {
            if (_current != connection) return;
            _current = null;
            if (_ready.Task.IsCompleted) _ready = NewReady();
        }
    }

    private void ForgetConnection(HubConnection connection)
    {
        var id = IdOf(connection);
        foreach (var transcript in Sessions) transcript.Forget(id);
    }

    /// <summary>
    /// This client's name for one of its connections (SignalR's connection id is unknown without negotiation,
    /// which production clients skip).
    /// </summary>
    private string IdOf(HubConnection connection) => _connectionIds.GetValue(connection, _ => $"c{Interlocked.Increment(ref _connectionCount)}");

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HubConnection, string> _connectionIds = new();
    private long _connectionCount;

    private bool Retryable(Exception e, HubConnection connection) =>
        ServerError.From(e) is { } error ? error.IsRetryable : connection.State != HubConnectionState.Connected || e is InvalidOperationException or IOException or TaskCanceledException;

    /// <summary>The backoff step with up to a fifth of jitter, so clients that failed together do not retry together.</summary>
    private TimeSpan Wait(int attempt)
    {
        var step = _options.Backoff[Math.Min(attempt, _options.Backoff.Count - 1)];
        return step + step * (Random.Shared.NextDouble() / 5);
    }

    private static TaskCompletionSource<HubConnection> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource<HubConnection> Completed(HubConnection connection)
    {
        var ready = NewReady();
        ready.SetResult(connection);
        return ready;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        HubConnection? current;
        lock (_gate) current = _current;
        if (current is not null) await current.DisposeAsync();
        await _gapWatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _disposed.Dispose();
    }
}
