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
public abstract partial class EngagementHub(IGrainFactory grains, ConnectionRegistry registry, ILogger logger) : Hub
{
    protected IGrainFactory Grains { get; } = grains;

    protected ConnectionRegistry Registry { get; } = registry;

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
    public Task<MessageAck> SendMessage(string sessionId, string? clientMessageId, string text)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        var id = InputRules.ClientMessageId(clientMessageId);
        var body = InputRules.MessageText(text);
        return Grains.GetSession(sessionId).Send(CurrentCaller, id, body);
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

    private protected async Task<JoinResult> JoinAsync(string sessionId, long afterSeq)
    {
        var state = State;
        var result = await Grains.GetSession(sessionId).Join(state.Caller, state.Connection, afterSeq);
        state.Joined(sessionId);
        return result;
    }

    /// <summary>Sets up the connection's state; the hub then registers it with its owning grain.</summary>
    private protected ConnectionState Begin()
    {
        var state = new ConnectionState(Context.User!.ToCaller(), Registry.For(Context.ConnectionId, Kind));
        state.AttachTo(Context);
        return state;
    }

    /// <summary>Tells the owning grain the connection closed cleanly.</summary>
    private protected abstract Task DisconnectOwnerAsync(ConnectionState state);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        Registry.Untrack(Context.ConnectionId);
        if (ConnectionState.TryOf(Context) is not { } state)
        {
            return;
        }

        // Best effort: if a grain cannot be told now, its connection timeout cleans up instead.
        var calls = state.JoinedSessions()
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clean-up after connection {ConnectionId} closed did not complete; grains will time it out.")]
    private partial void LogDisconnectCleanupFailed(Exception exception, string connectionId);
}
