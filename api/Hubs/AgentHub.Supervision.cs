using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>
/// Supervising a session (docs/protocol.md, "Agent hub: supervision"): monitor unseen, whisper to the agent, barge
/// in, stop; in a call, listen and push-to-whisper. Supervisors and admins only: an agent is refused by role before
/// the session is asked, whatever the session.
/// </summary>
public sealed partial class AgentHub
{
    /// <summary>Monitors the session unseen (or goes back to monitoring from whispering) and joins this connection to it.</summary>
    public async Task<JoinResult> Monitor(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        EnsureSupervisor();
        await Grains.GetSession(sessionId).Supervise(CurrentCaller, SupervisionMode.Monitor);
        return await JoinAsync(sessionId, afterSeq: 0);
    }

    /// <summary>A message to the session's agent that the visitor never receives; the reply comes once it is durable.</summary>
    public async Task<MessageAck> Whisper(string sessionId, string? clientMessageId, string text)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        var id = InputRules.ClientMessageId(clientMessageId);
        var body = InputRules.MessageText(text);
        EnsureSupervisor();
        var ack = await Grains.GetSession(sessionId).Whisper(CurrentCaller, id, body, Context.ConnectionId);
        Connections.Acked(Context.ConnectionId, sessionId, ack.Seq);
        return ack;
    }

    /// <summary>Joins the conversation visibly: the visitor sees the supervisor join, write and (in a call) speak.</summary>
    public Task<SessionView> Barge(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        EnsureSupervisor();
        return Grains.GetSession(sessionId).Supervise(CurrentCaller, SupervisionMode.Barge);
    }

    /// <summary>Stops monitoring, whispering or the barge (the supervisor leaves the conversation and the call).</summary>
    public Task<SessionView> StopSupervising(string sessionId)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        EnsureSupervisor();
        return Grains.GetSession(sessionId).StopSupervising(CurrentCaller);
    }

    /// <summary>In a call: push-to-whisper held (<paramref name="on"/>) or released; the microphone reaches the agent alone.</summary>
    public Task<CallView> WhisperAudio(string sessionId, bool on)
    {
        InputRules.Id(sessionId, nameof(sessionId));
        EnsureSupervisor();
        return Grains.GetSession(sessionId).SetWhisperAudio(CurrentCaller, on);
    }

    private void EnsureSupervisor()
    {
        if (!CurrentCaller.IsPrivileged) throw EngagementException.Forbidden("Supervising a session is for supervisors and admins.");
    }
}
