namespace Engagement.Client;

/// <summary>
/// The media side of docs/protocol.md's call rules (Calls, steps 4 and 5) for one session, for a client that brings
/// its own WebRTC stack: it tells that stack when to offer again with an ICE restart, and runs those re-offers one at
/// a time. The moments are: after every reconnect or move of the connection (the session may now be active on
/// another node); when a <c>call</c> event shows this client's own participant turn from connected to not connected
/// while the call is active and it has not hung up (the node that carried the media left the cluster, and the
/// session's new activation says so as soon as it has this connection again); and when the client's own stack
/// reports the path lost (<see cref="MediaFailed"/>, e.g. ICE failed). A re-offer that throws is tried again with
/// backoff while the call stays active (the offer itself is retried on <c>unavailable</c> by
/// <see cref="EngagementConnection.InvokeAsync{T}"/>).
/// </summary>
public sealed class CallMediaWatch : IDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)];

    private readonly string _sessionId;
    private readonly Func<CallParticipant, bool> _isSelf;
    private readonly Func<string, CancellationToken, Task> _reoffer;
    private readonly Action<string>? _log;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private CallView? _view;
    private string? _leftCallId;
    private bool _running;
    private string? _again;
    private int _reoffers;
    /// <summary>The connection whose call event last asked for a re-offer.</summary>
    private object? _toldOn;

    /// <param name="connection">The connection the session is joined on; the watch hooks its <c>call</c> event and its resume.</param>
    /// <param name="isSelf">Which participant of the call this client is (the visitor's id can change on identify, so a predicate).</param>
    /// <param name="reoffer">Creates an offer with new ICE credentials, sends it with <c>CallOffer</c> and applies the answer; gets the reason.</param>
    /// <param name="log">Told about each re-offer and failure, for logs and reports.</param>
    public CallMediaWatch(EngagementConnection connection, string sessionId, Func<CallParticipant, bool> isSelf,
        Func<string, CancellationToken, Task> reoffer, Action<string>? log = null)
    {
        (_sessionId, _isSelf, _reoffer, _log) = (sessionId, isSelf, reoffer, log);
        connection.On<CallView>(Protocol.CallEvent, (hub, view) => Apply(view, hub));
        var resumed = connection.Resumed;
        connection.Resumed = async hub =>
        {
            if (resumed is not null) await resumed(hub);
            // The re-join on this connection may already have said the media is gone (step 5), and that re-offer
            // covers this one: for a client whose "ICE restart" is a new peer connection, one is enough.
            lock (_gate)
            {
                if (ReferenceEquals(_toldOn, hub)) return;
            }
            Request("the connection was resumed");
        };
    }

    /// <summary>The newest call view seen (events and the replies given to <see cref="Apply"/>).</summary>
    public CallView? Call
    {
        get { lock (_gate) return _view; }
    }

    /// <summary>How many re-offers ran (each may have been asked for several times).</summary>
    public int Reoffers => Volatile.Read(ref _reoffers);

    /// <summary>
    /// A call view from a reply (StartCall, AnswerCall, GetCall) or an event; older versions are ignored. Step 5 is
    /// judged here: own participant connected before, not connected now, the call still active, not hung up.
    /// </summary>
    public void Apply(CallView view) => Apply(view, null);

    private void Apply(CallView view, object? connection)
    {
        if (view.SessionId != _sessionId) return;
        bool lost;
        lock (_gate)
        {
            var previous = _view;
            if (previous is not null && previous.Version > view.Version) return;
            _view = view;
            var was = previous is not null && previous.CallId == view.CallId && Self(previous) is { Connected: true };
            lost = was && view.Status == "active" && Self(view) is { Joined: true, Connected: false } && view.CallId != _leftCallId;
            if (lost) _toldOn = connection;
        }
        if (lost) Request("the node no longer sees this client's media");
    }

    /// <summary>The client's own media stack says the path is gone (ICE failed): offer again.</summary>
    public void MediaFailed() => Request("the media path failed");

    /// <summary>This client hung up: nothing more is re-offered for this call.</summary>
    public void HungUp()
    {
        lock (_gate) _leftCallId = _view?.CallId;
    }

    /// <summary>Stops re-offering (the token source is not disposed: a re-offer still running may read it).</summary>
    public void Dispose() => _disposed.Cancel();

    private CallParticipant? Self(CallView view) => view.Participants.FirstOrDefault(_isSelf);

    /// <summary>True while this client takes part in an active call it has not left.</summary>
    private bool InCall()
    {
        lock (_gate) return _view is { Status: "active" } view && view.CallId != _leftCallId && Self(view) is { Joined: true };
    }

    /// <summary>Runs a re-offer now, or once more after the one in flight (several requests meanwhile make one).</summary>
    private void Request(string reason)
    {
        if (_disposed.IsCancellationRequested || !InCall()) return;
        lock (_gate)
        {
            if (_running)
            {
                _again = reason;
                return;
            }
            _running = true;
        }
        _ = Task.Run(() => RunAsync(reason));
    }

    private async Task RunAsync(string reason)
    {
        var failures = 0;
        try
        {
            while (!_disposed.IsCancellationRequested && InCall())
            {
                try
                {
                    _log?.Invoke($"re-offering with an ICE restart: {reason}");
                    Interlocked.Increment(ref _reoffers);
                    await _reoffer(reason, _disposed.Token);
                    failures = 0;
                    lock (_gate)
                    {
                        // Released under the same lock that a request checks, so none is lost in between.
                        if (_again is null) { _running = false; return; }
                        (reason, _again) = (_again, null);
                    }
                }
                catch (Exception e) when (!_disposed.IsCancellationRequested)
                {
                    _log?.Invoke($"re-offer failed ({e.GetBaseException().Message}); trying again");
                    await Task.Delay(Backoff[Math.Min(failures++, Backoff.Length - 1)], _disposed.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        lock (_gate)
        {
            _running = false;
            _again = null;
        }
    }
}
