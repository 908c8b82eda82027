using System.Diagnostics;
using Engagement.Api.Auth;
using Engagement.Api.Realtime;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Hubs;

/// <summary>
/// What both hubs share: the connection's caller and grain reference, the session methods every participant
/// has (join/resume, send, read, typing) and the clean-up on disconnect. Errors are translated by
/// <see cref="HubErrorFilter"/>.
/// </summary>
public abstract partial class EngagementHub(IGrainFactory grains, ClientConnections connections, IAttachments attachments, ILogger logger) : Hub
{
    /// <summary>Files sent with messages: the uploads a message names are checked here before the grain stores it.</summary>
    protected IAttachments Attachments { get; } = attachments;

    protected IGrainFactory Grains { get; } = grains;

    protected ClientConnections Connections { get; } = connections;

    protected abstract HubKind Kind { get; }

    private protected ConnectionState State => ConnectionState.Of(Context);

    private protected Caller CurrentCaller => State.Caller;

    /// <summary>
    /// Joins (or resumes) a session: live events from now on, plus every message after <paramref name="afterSeq"/>
    /// in the reply. Call again after every reconnect with the highest seq seen.
    /// </summary>
    public async Task<JoinResult> JoinSession(string sessionId, long afterSeq)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        InputRules.AfterSeq(afterSeq);
        return await JoinAsync(sessionId, afterSeq);
    }

    /// <summary>Sends a text message; the reply comes once it is durable.</summary>
    public async Task<MessageAck> SendMessage(string sessionId, string? clientMessageId, string text)
    {
        var started = Stopwatch.GetTimestamp();
        InputRules.Id(sessionId, nameof(sessionId));
        var id = InputRules.ClientMessageId(clientMessageId);
        var body = InputRules.MessageText(text);
        var ack = await Grains.GetSession(sessionId).Send(CurrentCaller, id, body, Context.ConnectionId);
        Connections.Acked(Context.ConnectionId, sessionId, ack.Seq);
        HubMetrics.Received(Kind);
        RealtimeMetrics.SendMessage.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return ack;
    }

    /// <summary>
    /// Sends a message with files the caller uploaded into this session (docs/protocol.md, Attachments); the text may be
    /// empty. Otherwise exactly <see cref="SendMessage"/>.
    /// </summary>
    public async Task<MessageAck> SendAttachments(string sessionId, string? clientMessageId, string text, string[] attachmentIds)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        var id = InputRules.ClientMessageId(clientMessageId);
        var (body, ids) = InputRules.MessageWithFiles(text, attachmentIds);
        var files = await Attachments.ForMessageAsync(sessionId, CurrentCaller.Id, ids);
        var ack = await Grains.GetSession(sessionId).Send(CurrentCaller, id, body, Context.ConnectionId, files);
        HubMetrics.Received(Kind);
        Connections.Acked(Context.ConnectionId, sessionId, ack.Seq);
        return ack;
    }

    public Task<ChatMessage[]> GetTranscript(string sessionId, long afterSeq, int limit)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).ReadTranscript(CurrentCaller, InputRules.AfterSeq(afterSeq), InputRules.Limit(limit));
    }

    public Task Typing(string sessionId, bool isTyping)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        return Grains.GetSession(sessionId).Typing(CurrentCaller, isTyping);
    }

    /// <summary>
    /// Joins through <see cref="ClientConnections"/>, which holds this connection's live messages of the session
    /// until the reply says where it ends, so live events continue exactly after it.
    /// </summary>
    private protected async Task<JoinResult> JoinAsync(string sessionId, long afterSeq)
    {
        var state = State;
        Connections.BeginJoin(Context.ConnectionId, sessionId);
        try
        {
            var result = await Grains.GetSession(sessionId).Join(state.Caller, state.Connection, afterSeq);
            Connections.Joined(Context.ConnectionId, sessionId, result.UpToSeq);
            return result;
        }
        catch
        {
            Connections.JoinFailed(Context.ConnectionId, sessionId);
            throw;
        }
    }

    /// <summary>Sets up the connection's state; the hub then registers it with its owning grain.</summary>
    private protected ConnectionState Begin()
    {
        var state = new ConnectionState(Context.User!.ToCaller(), Connections.RefFor(Context.ConnectionId, Kind));
        state.AttachTo(Context);
        return state;
    }

    /// <summary>
    /// The connection's owning grain knows it now: <see cref="ClientConnections"/> holds it from here on and renews
    /// its leases. Not before, since a connection that failed to connect never disconnects.
    /// </summary>
    private protected void Track(ConnectionState state, ListenerKey? owner, VisitorLocation? location = null) =>
        Connections.Track(Context, state.Connection, state.Caller, owner, location);

    /// <summary>Tells the owning grain the connection closed cleanly.</summary>
    private protected abstract Task DisconnectOwnerAsync(ConnectionState state);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var sessions = Connections.Untrack(Context.ConnectionId);
        if (ConnectionState.TryOf(Context) is not { } state)
        {
            return;
        }

        // Best effort: if a grain cannot be told now, the connection's lease runs out instead.
        var calls = sessions
            .Select(id => Grains.GetSession(id).Detach(Context.ConnectionId))
            .Append(DisconnectOwnerAsync(state));
        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception ex)
        {
            LogDisconnectCleanupFailed(ex, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clean-up after connection {ConnectionId} closed did not complete; its leases will run out.")]
    private partial void LogDisconnectCleanupFailed(Exception exception, string connectionId);
}
