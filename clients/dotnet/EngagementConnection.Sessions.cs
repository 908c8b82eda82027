using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.Client;

/// <summary>
/// The sessions side of <see cref="EngagementConnection"/>: which sessions it keeps joined, joins (from the highest
/// contiguous seq, paging when a reply has more), the resume after a reconnect or a move, and the watcher that joins
/// what a resume could not and re-joins a session showing a gap.
/// </summary>
public sealed partial class EngagementConnection
{
    /// <summary>Starts a session (visitor hub) with a request id, so a retry reaches the same session; the session is then kept joined.</summary>
    public Task<JoinResult> StartSessionAsync(object request, CancellationToken cancellationToken = default) =>
        JoinThroughAsync(connection => connection.InvokeAsync<JoinResult>("StartSession", request, cancellationToken), cancellationToken);

    /// <summary>Accepts an offer (agent hub); the session is then kept joined.</summary>
    public Task<JoinResult> AcceptOfferAsync(string sessionId, CancellationToken cancellationToken = default) =>
        JoinThroughAsync(connection => connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId, cancellationToken), cancellationToken, sessionId);

    /// <summary>Joins (or re-joins) a session from its highest contiguous seq and keeps it joined across reconnects.</summary>
    public async Task<JoinResult> JoinAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var connection = await ReadyConnectionAsync(DateTimeOffset.UtcNow + _options.RetryFor, cancellationToken);
        return await JoinOnAsync(connection, Track(sessionId), cancellationToken);
    }

    /// <summary>Stops re-joining a session (it ended, or the client left it).</summary>
    public void Forget(string sessionId)
    {
        lock (_gate) _sessions.Remove(sessionId);
    }

    private SessionTranscript Track(string sessionId)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var transcript))
                _sessions[sessionId] = transcript = new SessionTranscript(sessionId) { Delivered = Delivered };
            return transcript;
        }
    }

    /// <summary>A call whose reply is a join (StartSession, AcceptOffer): the transcript is tracked from it, like a JoinSession.</summary>
    private async Task<JoinResult> JoinThroughAsync(Func<HubConnection, Task<JoinResult>> call, CancellationToken cancellationToken, string? knownSessionId = null)
    {
        var deadline = DateTimeOffset.UtcNow + _options.RetryFor;
        for (var attempt = 0; ; attempt++)
        {
            var connection = await ReadyConnectionAsync(deadline, cancellationToken);
            var transcript = knownSessionId is null ? null : Track(knownSessionId);
            transcript?.BeginJoin(IdOf(connection));
            try
            {
                var result = await call(connection);
                transcript ??= Track(result.Session.SessionId);
                if (knownSessionId is null) transcript.BeginJoin(IdOf(connection));
                transcript.Joined(IdOf(connection), result);
                foreach (var (connectionId, message) in TakeOrphans(transcript.SessionId)) transcript.Live(connectionId, message);
                await PageAsync(connection, transcript, result, cancellationToken);
                return result;
            }
            catch (Exception e) when (Retryable(e, connection) && DateTimeOffset.UtcNow < deadline)
            {
                transcript?.JoinFailed(IdOf(connection));
                _options.Retrying?.Invoke(e);
                await Task.Delay(Wait(attempt), cancellationToken);
            }
            catch (Exception e)
            {
                transcript?.JoinFailed(IdOf(connection));
                throw ServerError.From(e) ?? e;
            }
        }
    }

    private void KeepOrphan(string connectionId, ChatMessage message)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            foreach (var stale in _orphans.Where(o => now - o.Value[^1].At > OrphanLife).Select(o => o.Key).ToList()) _orphans.Remove(stale);
            if (!_orphans.TryGetValue(message.SessionId, out var list)) _orphans[message.SessionId] = list = [];
            list.Add((connectionId, message, now));
        }
    }

    private List<(string ConnectionId, ChatMessage Message)> TakeOrphans(string sessionId)
    {
        lock (_gate) return _orphans.Remove(sessionId, out var list) ? list.Select(o => (o.ConnectionId, o.Message)).ToList() : [];
    }

    private async Task<JoinResult> JoinOnAsync(HubConnection connection, SessionTranscript transcript, CancellationToken cancellationToken)
    {
        transcript.BeginJoin(IdOf(connection));
        JoinResult result;
        try
        {
            result = await connection.InvokeAsync<JoinResult>("JoinSession", transcript.SessionId, transcript.Contiguous, cancellationToken);
        }
        catch (Exception e)
        {
            transcript.JoinFailed(IdOf(connection));
            throw ServerError.From(e) ?? e;
        }
        transcript.Joined(IdOf(connection), result);
        await PageAsync(connection, transcript, result, cancellationToken);
        return result;
    }

    /// <summary>More was missed than one reply carries: page from the highest seq received up to the reply's end.</summary>
    private static async Task PageAsync(HubConnection connection, SessionTranscript transcript, JoinResult result, CancellationToken cancellationToken)
    {
        if (!result.HasMore) return;
        while (transcript.HighestReceived < result.UpToSeq)
        {
            var page = await connection.InvokeAsync<ChatMessage[]>("GetTranscript", transcript.SessionId, transcript.HighestReceived, Protocol.TranscriptPage, cancellationToken);
            if (page.Length == 0) return;
            transcript.Page(page);
        }
    }

    /// <summary>
    /// Re-joins every session on <paramref name="connection"/>, then runs the caller's own resume step. A session
    /// that cannot be joined just now (its grain is on a node not yet declared dead) is left to the watcher, which
    /// joins it once it can; one that is closed to us is forgotten.
    /// </summary>
    private async Task ResumeAsync(HubConnection connection)
    {
        foreach (var transcript in Sessions)
        {
            // A join waiting on a frozen node would hold the whole connection back: give it a few seconds here.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            patience.CancelAfter(ResumeJoinPatience);
            try
            {
                await JoinOnAsync(connection, transcript, patience.Token);
            }
            catch (ServerError e) when (!e.IsRetryable)
            {
                Forget(transcript.SessionId); // closed to us (not_found, forbidden): stop re-joining it
            }
            catch (Exception e) when (connection.State == HubConnectionState.Connected && !_disposed.IsCancellationRequested)
            {
                _options.Retrying?.Invoke(e);
                lock (_gate) _unjoined.Add(transcript.SessionId);
            }
        }
        if (Resumed is { } resumed) await resumed(connection);
    }

    private static readonly TimeSpan ResumeJoinPatience = TimeSpan.FromSeconds(3);

    /// <summary>Sessions a resume could not join yet; the watcher joins them on the live connection.</summary>
    private readonly HashSet<string> _unjoined = new(StringComparer.Ordinal);

    /// <summary>
    /// Joins what a resume could not, and re-joins sessions holding messages above a gap with no join in flight
    /// from their contiguous seq.
    /// </summary>
    private async Task WatchGapsAsync()
    {
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _disposed.Token);
                await JoinUnjoinedAsync();
                var now = DateTimeOffset.UtcNow;
                foreach (var transcript in Sessions)
                {
                    if (!transcript.HasGap) { seen.Remove(transcript.SessionId); continue; }
                    if (!seen.TryGetValue(transcript.SessionId, out var since)) { seen[transcript.SessionId] = now; continue; }
                    if (now - since < _options.GapPatience || !_ready.Task.IsCompletedSuccessfully) continue;
                    seen.Remove(transcript.SessionId);
                    _options.Log?.Invoke($"session {transcript.SessionId}: a gap after seq {transcript.Contiguous}; re-joining");
                    try { await JoinOnAsync(_ready.Task.Result, transcript, _disposed.Token); }
                    catch (Exception e) when (e is not OperationCanceledException) { }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task JoinUnjoinedAsync()
    {
        if (!_ready.Task.IsCompletedSuccessfully) return;
        string[] pending;
        lock (_gate) pending = [.. _unjoined];
        foreach (var sessionId in pending)
        {
            if (Session(sessionId) is not { } transcript) { lock (_gate) _unjoined.Remove(sessionId); continue; }
            try
            {
                await JoinOnAsync(_ready.Task.Result, transcript, _disposed.Token);
                lock (_gate) _unjoined.Remove(sessionId);
            }
            catch (ServerError e) when (!e.IsRetryable)
            {
                Forget(sessionId);
                lock (_gate) _unjoined.Remove(sessionId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _options.Retrying?.Invoke(e); // the next round tries again
            }
        }
    }
}
