using System.Text.Json.Nodes;
using Engagement.Audit;
using Engagement.Realtime;
using Microsoft.Extensions.Logging;

namespace Engagement.Sessions;

/// <summary>
/// Supervisors and admins in a session (docs/protocol.md, "Agent hub: supervision"): monitoring unseen, whispering to
/// the assigned agent (in the chat as staff-only messages; in a call through the SFU's forwarding rule, which lets
/// their microphone reach the agent alone), barging in visibly, stopping. Every change writes a staff-only transcript
/// event and an audit entry. Kept apart from the session's members (conferences): a barge makes the supervisor a
/// participant of its own.
/// </summary>
internal sealed partial class SessionSupervision(
    SessionCore core, SessionConversation conversation, SessionCall call, SessionMediaRoom room, IAuditLog audit, ILogger logger)
{
    private SessionState S => core.S;

    /// <summary>Whether the caller supervises the session (its call offers and hang-ups are a listener's).</summary>
    public bool IsSupervising(Caller caller) => SessionAccess.SupervisionOf(S, caller) is not null;

    public async Task<SessionView> Supervise(Caller caller, SupervisionMode mode)
    {
        EnsureMaySupervise(caller);
        if (!Enum.IsDefined(mode)) throw EngagementException.Invalid("mode is monitor, whisper or barge.");
        var current = SessionAccess.SupervisionOf(S, caller);
        if (current?.Mode == mode) return core.ViewFor(caller);
        if (current?.Mode == SupervisionMode.Barge)
            throw EngagementException.Conflict("You barged in and the visitor sees you; StopSupervising leaves the conversation.");
        if (mode != SupervisionMode.Monitor && S.Status != SessionStatus.Active)
            throw EngagementException.Conflict("Whispering and barging in take an active conversation.");
        await ChangeAsync(caller, current, mode);
        return core.ViewFor(caller);
    }

    public async Task<MessageAck> Whisper(Caller caller, string? clientMessageId, string text, string? senderConnectionId)
    {
        EnsureMaySupervise(caller);
        if (!SessionLifecycle.AgentMaySend(S.Status) || S.AssignedAgentId is null)
            throw EngagementException.Conflict("A whisper goes to the agent of an active conversation.");
        var current = SessionAccess.SupervisionOf(S, caller);
        if (current is null or { Mode: SupervisionMode.Monitor }) await ChangeAsync(caller, current, SupervisionMode.Whisper);
        return await conversation.AppendOnceAsync(MessageKind.Whisper, caller, ParticipantRole.Agent, clientMessageId, text, senderConnectionId);
    }

    public async Task<SessionView> StopSupervising(Caller caller)
    {
        core.EnsureAllowed(caller, MaySupervise(caller), "Only supervisors and admins supervise a session.");
        if (SessionAccess.SupervisionOf(S, caller) is not { } current) return core.ViewFor(caller);
        S.Supervisors.RemoveAll(x => x.AgentId == caller.Id);
        var seen = current.Mode == SupervisionMode.Barge;
        if (seen) core.MarkLeft(caller.Id);
        await core.Writer.WriteAsync();
        core.PushSession(visitorToo: seen);
        if (room.IsPresent(caller.Id))
        {
            room.Leave(caller.Id);
            call.Push(visitorToo: seen);
        }
        await core.Transcript.AppendStaffEventAsync(current.Mode switch
        {
            SupervisionMode.Monitor => $"{current.DisplayName} stopped monitoring.",
            SupervisionMode.Whisper => $"{current.DisplayName} stopped whispering.",
            _ => $"{current.DisplayName} stopped supervising.",
        });
        if (current.Mode == SupervisionMode.Barge) await core.Transcript.AppendEventAsync($"{current.DisplayName} (supervisor) left the conversation.");
        await RecordAsync(caller, AuditActions.SessionStopSupervising, current.Mode);
        return core.ViewFor(caller);
    }

    /// <summary>A supervisor's SDP offer: it joins the call's room as a listener whose tracks reach only its audience.</summary>
    public async Task<string> CallOffer(Caller caller, string sdpOffer)
    {
        var me = SessionAccess.SupervisionOf(S, caller)!;
        CallSignaling.CheckSdp(sdpOffer);
        if (S.Call is not { Status: CallStatus.Active } current) throw EngagementException.Conflict("No call is in progress to listen to.");
        // The rule comes first: the supervisor's tracks never reach anyone outside it, not even for a moment.
        room.SetAudience(caller.Id, AudienceOf(S, me));
        var answer = await room.NegotiateAsync(current.CallId, caller.Id, sdpOffer);
        call.Push(visitorToo: me.Mode == SupervisionMode.Barge);
        return answer;
    }

    /// <summary>The supervisor leaves the call's media; it goes on supervising the chat.</summary>
    public Task<CallView> HangUp(Caller caller)
    {
        room.Leave(caller.Id);
        call.Push(visitorToo: SessionAccess.HasBargedIn(S, caller));
        return Task.FromResult(call.ViewFor(caller) ?? throw EngagementException.Conflict("No call is in progress."));
    }

    public async Task<CallView> SetWhisperAudio(Caller caller, bool on)
    {
        EnsureMaySupervise(caller);
        if (SessionAccess.SupervisionOf(S, caller) is not { } current) throw EngagementException.Conflict("Monitor the session first.");
        if (S.Call is not { Status: CallStatus.Active }) throw EngagementException.Conflict("No call is in progress.");
        if (on && current.Mode == SupervisionMode.Monitor) await ChangeAsync(caller, current, SupervisionMode.Whisper);
        if (SessionAccess.SupervisionOf(S, caller) is { } now && now.WhisperAudio != on)
        {
            Replace(now with { WhisperAudio = on });
            await core.Writer.WriteAsync();
            var seen = now.Mode == SupervisionMode.Barge;
            core.PushSession(visitorToo: seen);
            call.Push(visitorToo: seen);
        }
        return call.ViewFor(caller)!;
    }

    /// <summary>Records the new mode (state before the first await: the grain is reentrant), then tells everyone concerned.</summary>
    private async Task ChangeAsync(Caller caller, SessionSupervisor? current, SupervisionMode mode)
    {
        var name = caller.DisplayName ?? caller.Id;
        var next = new SessionSupervisor(caller.Id, name, mode, core.Now, current?.WhisperAudio ?? false);
        Replace(next);
        if (mode == SupervisionMode.Barge)
            S.Participants = [.. S.Participants.Where(p => p.Id != caller.Id), new Participant(caller.Id, ParticipantRole.Agent, name, core.Now, null)];
        await core.Writer.WriteAsync();
        core.PushSession(visitorToo: mode == SupervisionMode.Barge);
        ApplyToCall(next);
        var agent = S.Participants.LastOrDefault(p => p.Id == S.AssignedAgentId)?.DisplayName ?? "the agent";
        await core.Transcript.AppendStaffEventAsync(mode switch
        {
            SupervisionMode.Monitor => current is null ? $"{name} started monitoring." : $"{name} went back to monitoring.",
            SupervisionMode.Whisper => $"{name} started whispering to {agent}.",
            _ => $"{name} barged in.",
        });
        if (mode == SupervisionMode.Barge) await core.Transcript.AppendEventAsync($"{name} (supervisor) joined the conversation.");
        await RecordAsync(caller, mode switch
        {
            SupervisionMode.Monitor => AuditActions.SessionMonitor,
            SupervisionMode.Whisper => AuditActions.SessionWhisper,
            _ => AuditActions.SessionBarge,
        }, mode);
    }

    /// <summary>
    /// The call follows the mode: the SFU's rule for the supervisor's tracks, and after a barge the visitor learns of
    /// the tracks it may now receive (callTrack), so it renegotiates and hears them.
    /// </summary>
    private void ApplyToCall(SessionSupervisor supervisor)
    {
        if (S.Call is not { Status: not CallStatus.Ended } current) return;
        room.SetAudience(supervisor.AgentId, AudienceOf(S, supervisor));
        if (supervisor.Mode == SupervisionMode.Barge)
            foreach (var track in room.TracksOf(supervisor.AgentId))
                core.Connections.Push(ClientEvent.CallTrack(new CallTrack(core.Id, current.CallId, supervisor.AgentId, track.TrackId,
                    track.Kind == Media.MediaKind.Video ? CallMedia.Video : CallMedia.Audio, true)), c => !c.IsStaff);
        call.Push(visitorToo: supervisor.Mode == SupervisionMode.Barge);
    }

    /// <summary>Who may receive a supervisor's media (the SFU's forwarding rule): everyone after a barge, else the assigned agent alone.</summary>
    public static string[]? AudienceOf(SessionState s, SessionSupervisor supervisor) =>
        supervisor.Mode == SupervisionMode.Barge ? null : s.AssignedAgentId is { } agentId ? [agentId] : [];

    private void Replace(SessionSupervisor supervisor)
    {
        var index = S.Supervisors.FindIndex(x => x.AgentId == supervisor.AgentId);
        if (index < 0) S.Supervisors.Add(supervisor);
        else S.Supervisors[index] = supervisor;
    }

    private static bool MaySupervise(Caller caller) => caller.Kind is CallerKind.Supervisor or CallerKind.Admin;

    private void EnsureMaySupervise(Caller caller)
    {
        core.EnsureAllowed(caller, MaySupervise(caller), "Only supervisors and admins supervise a session.");
        if (core.IsAssignedAgent(caller)) throw EngagementException.Conflict("This is your own conversation.");
        if (SessionLifecycle.IsEnded(S.Status)) throw EngagementException.Conflict("The session has ended.");
    }

    /// <summary>The audit entry: who, which session, what. A failed write is logged, not thrown: the action took place.</summary>
    private async Task RecordAsync(Caller caller, string action, SupervisionMode mode)
    {
        try
        {
            await audit.RecordAsync(new AuditRecord(caller.Id, caller.Kind.ToString().ToLowerInvariant(), action, "session", core.Id,
                new JsonObject { ["mode"] = mode.ToString().ToLowerInvariant() }));
        }
        catch (Exception e)
        {
            LogAuditFailed(logger, e, action, core.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Action} on session {SessionId} in the audit log failed.")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string action, string sessionId);
}
