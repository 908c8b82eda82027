using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// One participant of a session that behaves as docs/protocol.md's resume rule asks of a real client: its
/// connection reconnects by itself (<see cref="Reconnect"/>), after any reconnect it re-joins with
/// <c>JoinSession(sessionId, lastSeq)</c> before sending again, and it resends a message with the same
/// clientMessageId until the message is acknowledged (retrying "unavailable" and "error" answers). Every
/// acknowledgement is recorded, so a test can check that none of them is lost.
/// </summary>
public sealed class ResumingParticipant
{
    private readonly ConcurrentQueue<SentMessage> _acknowledged = new();
    private readonly ConcurrentQueue<string> _incidents = new();
    private int _mustRejoin;
    private int _reconnects;
    private int _rejoins;

    public ResumingParticipant(HubClient client, string sessionId)
    {
        (Client, SessionId) = (client, sessionId);
        // Set on the way down as well as on the way up, so no send can slip in between reconnecting and re-joining.
        client.Connection.Reconnecting += _ => { Volatile.Write(ref _mustRejoin, 1); return Task.CompletedTask; };
        client.Connection.Reconnected += _ =>
        {
            Interlocked.Increment(ref _reconnects);
            Volatile.Write(ref _mustRejoin, 1);
            return Task.CompletedTask;
        };
    }

    public HubClient Client { get; }

    public string SessionId { get; }

    /// <summary>How many times the connection came back by itself.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Successful re-joins after a lost connection.</summary>
    public int Rejoins => Volatile.Read(ref _rejoins);

    /// <summary>Every message acknowledged to this participant, in order.</summary>
    public IReadOnlyList<SentMessage> Acknowledged => [.. _acknowledged];

    /// <summary>What went wrong on the way (failed calls that were retried), for test output.</summary>
    public IReadOnlyList<string> Incidents => [.. _incidents];

    /// <summary>
    /// Reconnects every 250 ms for up to two minutes (the client library's default gives up after four tries in
    /// 42 s, which a slow failover on a busy machine could exceed).
    /// </summary>
    public static void Reconnect(IHubConnectionBuilder builder) => builder.WithAutomaticReconnect(new SteadyRetry());

    /// <summary>Sends until acknowledged (same clientMessageId every time); the deadline only bounds a failing test.</summary>
    public async Task<MessageAck> SendAsync(string clientMessageId, string text, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                await ResumeIfNeededAsync();
                var ack = await Client.Connection.InvokeAsync<MessageAck>("SendMessage", SessionId, clientMessageId, text);
                _acknowledged.Enqueue(new SentMessage(clientMessageId, text, ack));
                return ack;
            }
            catch (Exception e) when (Retryable(e))
            {
                _incidents.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {clientMessageId}: {e.GetType().Name}: {e.Message}");
                if (e is not HubException) Volatile.Write(ref _mustRejoin, 1); // the connection, not the server, failed
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{clientMessageId}' was not acknowledged within {seconds}s.", e);
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The whole transcript, paged with GetTranscript on the participant's own connection.</summary>
    public async Task<IReadOnlyList<ChatMessage>> TranscriptAsync()
    {
        const int page = 200;
        var all = new List<ChatMessage>();
        while (true)
        {
            var batch = await Client.Connection.InvokeAsync<ChatMessage[]>("GetTranscript", SessionId, all.Count == 0 ? 0L : all[^1].Seq, page);
            all.AddRange(batch);
            if (batch.Length < page) return all;
        }
    }

    /// <summary>After a lost connection: wait until it is back (start it again if the client gave up), then re-join.</summary>
    private async Task ResumeIfNeededAsync()
    {
        if (Volatile.Read(ref _mustRejoin) == 0) return;
        switch (Client.Connection.State)
        {
            case HubConnectionState.Connected:
                break;
            case HubConnectionState.Disconnected:
                await Client.Connection.StartAsync();
                break;
            default:
                throw new InvalidOperationException($"The connection is {Client.Connection.State}.");
        }
        var join = await Client.Connection.InvokeAsync<JoinResult>("JoinSession", SessionId, Client.LastSeq(SessionId));
        Client.Saw(join.Missed);
        Volatile.Write(ref _mustRejoin, 0);
        Interlocked.Increment(ref _rejoins);
    }

    /// <summary>Connection failures, and the server's "retry shortly" answers (docs/protocol.md, Errors).</summary>
    private static bool Retryable(Exception e) => e switch
    {
        HubException hub => hub.Message.Contains("unavailable:", StringComparison.Ordinal) || hub.Message.Contains("error:", StringComparison.Ordinal),
        InvalidOperationException or IOException or OperationCanceledException or System.Net.WebSockets.WebSocketException or HttpRequestException => true,
        _ => false,
    };

    private sealed class SteadyRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.ElapsedTime < TimeSpan.FromMinutes(2) ? TimeSpan.FromMilliseconds(250) : null;
    }
}

/// <summary>A message and its acknowledgement.</summary>
public sealed record SentMessage(string ClientMessageId, string Text, MessageAck Ack);
