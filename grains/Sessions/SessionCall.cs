using Engagement.Realtime;

namespace Engagement.Sessions;

/// <summary>
/// The session's call: an active chat escalates to audio or video, the others accept or decline, anyone in it
/// mutes, turns the camera on or off, or hangs up; the call ends when fewer than two remain. The visitor, the
/// assigned agent and the colleagues in the session (SessionConference) each have a seat; a colleague who comes
/// later, or anyone who hung up, joins the active call by accepting it. Every agent in the call holds one of its
/// call slots. The transcript records start, joins, leaves and end. The media
/// itself flows through <see cref="SessionMediaRoom"/>; SDP and WHIP/WHEP are <see cref="CallSignaling"/>'s.
/// </summary>
internal sealed class SessionCall(SessionCore core, SessionMediaRoom room)
{
    private long _version;

    private SessionState S => core.S;

    public async Task<CallView> StartCall(Caller caller, CallMedia media)
    {
        var me = Party(caller);
        if (S.Status != SessionStatus.Active) throw EngagementException.Conflict("A call starts from an active conversation.");
        if (S.Call is { Status: not CallStatus.Ended }) throw EngagementException.Conflict("A call is already in progress.");
        if (!Enum.IsDefined(media)) throw EngagementException.Invalid("media is audio or video.");
        await TakeAgentCallSlotAsync();
        if (caller.Id != S.AssignedAgentId && core.IsConversingAgent(caller)) await TakeCallSlotAsync(caller.Id, me.DisplayName);
        S.Call = new CallState
        {
            CallId = Ids.New("call_"), Status = CallStatus.Ringing, Media = media,
            StartedBy = caller.Id, StartedAt = core.Now, Members = Members(caller.Id, media),
        };
        await core.Writer.WriteAsync();
        Push();
        await core.Transcript.AppendEventAsync($"{me.DisplayName} started {(media == CallMedia.Video ? "a video" : "an audio")} call.");
        return ViewFor(caller)!;
    }

    /// <summary>WHIP into a session with no call in progress starts an active video call at once (no one is asked).</summary>
    public async Task StartPublishedCallAsync(Caller caller, Participant me)
    {
        await TakeAgentCallSlotAsync();
        var now = core.Now;
        S.Call = new CallState
        {
            CallId = Ids.New("call_"), Status = CallStatus.Active, Media = CallMedia.Video,
            StartedBy = caller.Id, StartedAt = now, AnsweredAt = now, Members = Members(caller.Id, CallMedia.Video),
        };
        await core.Writer.WriteAsync();
        Push();
        await core.Transcript.AppendEventAsync($"{me.DisplayName} started publishing media (WHIP).");
    }

    public async Task<CallView> AnswerCall(Caller caller, bool accept)
    {
        var me = Party(caller);
        if (S.Call is { Status: CallStatus.Active } && MemberOrNull(caller.Id) is { Joined: false }) return accept ? await JoinActiveAsync(caller, me) : ViewFor(caller)!;
        if (S.Call is not { Status: CallStatus.Ringing } call) throw EngagementException.Conflict("No call is ringing.");
        if (call.StartedBy == caller.Id) throw EngagementException.Conflict("The other side answers the call.");
        var colleague = core.IsMember(caller);
        if (!accept)
        {
            // A colleague who declines stays out (and may join later); the visitor or the assigned agent declining ends it.
            if (!colleague) await EndAsync("declined", $"{me.DisplayName} declined the call.");
            return ViewFor(caller)!;
        }
        if (colleague) await TakeCallSlotAsync(caller.Id, me.DisplayName);
        if (S.Call is not { Status: CallStatus.Ringing }) return S.Call is { Status: CallStatus.Active } ? await JoinActiveAsync(caller, me) : ViewFor(caller)!;
        call.Status = CallStatus.Active;
        call.AnsweredAt = core.Now;
        Member(caller.Id).Joined = true;
        await core.Writer.WriteAsync();
        Push();
        await core.Transcript.AppendEventAsync($"{me.DisplayName} joined the call.");
        return ViewFor(caller)!;
    }

    public async Task<CallView> UpdateCallMedia(Caller caller, bool audioOn, bool videoOn)
    {
        Party(caller);
        if (S.Call is not { Status: not CallStatus.Ended }) throw EngagementException.Conflict("No call is in progress.");
        var member = Member(caller.Id);
        (member.AudioOn, member.VideoOn) = (audioOn, videoOn);
        await core.Writer.WriteAsync();
        Push();
        return ViewFor(caller)!;
    }

    public async Task<CallView> HangUp(Caller caller)
    {
        var me = Party(caller);
        if (S.Call is not { Status: not CallStatus.Ended } call) return ViewFor(caller) ?? throw EngagementException.Conflict("No call is in progress.");
        if (call.Status == CallStatus.Ringing)
        {
            if (call.StartedBy != caller.Id && core.IsMember(caller)) return ViewFor(caller)!; // a colleague declining: the others still ring
            await EndAsync(call.StartedBy == caller.Id ? "cancelled" : "declined", $"{me.DisplayName} hung up.");
            return ViewFor(caller)!;
        }
        var member = Member(caller.Id);
        if (!member.Joined) return ViewFor(caller)!; // hung up already (a client repeating it after a reconnect)
        member.Joined = false;
        room.Leave(member.ParticipantId);
        if (call.Members.Count(m => m.Joined) < 2)
        {
            await EndAsync("hung up", $"{me.DisplayName} hung up.");
            return ViewFor(caller)!;
        }
        await core.Writer.WriteAsync();
        Push();
        if (member.Role == ParticipantRole.Agent) await core.Grains.GetAgent(member.ParticipantId).FreeCallSlot(core.Id);
        await core.Transcript.AppendEventAsync($"{me.DisplayName} left the call.");
        return ViewFor(caller)!;
    }

    /// <summary>A seat not taken in an active call (a colleague who came later, someone who hung up): they join it.</summary>
    private async Task<CallView> JoinActiveAsync(Caller caller, Participant me)
    {
        var member = Member(caller.Id);
        if (member.Role == ParticipantRole.Agent) await TakeCallSlotAsync(member.ParticipantId, me.DisplayName);
        if (S.Call is not { Status: CallStatus.Active } || member.Joined) return ViewFor(caller)!;
        member.Joined = true;
        await core.Writer.WriteAsync();
        Push();
        await core.Transcript.AppendEventAsync($"{me.DisplayName} joined the call.");
        return ViewFor(caller)!;
    }

    /// <summary>A colleague joined the session: a call in progress gets a seat for them, not taken until they join.</summary>
    public void AddSeat(Participant colleague)
    {
        if (S.Call is not { Status: not CallStatus.Ended } current || current.Members.Any(m => m.ParticipantId == colleague.Id)) return;
        current.Members.Add(new CallMember { ParticipantId = colleague.Id, Role = colleague.Role, DisplayName = colleague.DisplayName, VideoOn = current.Media == CallMedia.Video });
    }

    /// <summary>A colleague left the session: their seat goes, and the call ends if fewer than two remain in it.</summary>
    public async Task RemoveSeatAsync(string agentId, string name)
    {
        if (S.Call is not { Status: not CallStatus.Ended } current || current.Members.Find(m => m.ParticipantId == agentId) is not { } seat) return;
        current.Members.Remove(seat);
        room.Leave(agentId);
        await core.Grains.GetAgent(agentId).FreeCallSlot(core.Id);
        if (!seat.Joined) return;
        if (current.Status == CallStatus.Active && current.Members.Count(m => m.Joined) < 2)
        {
            await EndAsync("hung up", $"{name} left the call.");
            return;
        }
        await core.Writer.WriteAsync();
        Push();
        await core.Transcript.AppendEventAsync($"{name} left the call.");
    }

    public Task<CallView?> GetCall(Caller caller)
    {
        core.EnsureVisible(caller);
        return Task.FromResult(ViewFor(caller));
    }

    /// <summary>Ends the call (hang-up, decline, the session ending): closes the media room and says how long it lasted.</summary>
    public async Task EndAsync(string reason, string transcriptLine)
    {
        if (S.Call is not { Status: not CallStatus.Ended } call) return;
        var lasted = call.AnsweredAt is { } answered ? core.Now - answered : (TimeSpan?)null;
        call.Status = CallStatus.Ended;
        call.EndedAt = core.Now;
        call.EndReason = reason;
        foreach (var member in call.Members) member.Joined = false;
        room.Close();
        foreach (var agentId in call.Members.Where(m => m.Role == ParticipantRole.Agent).Select(m => m.ParticipantId).Append(S.AssignedAgentId).OfType<string>().Distinct())
            await core.Grains.GetAgent(agentId).FreeCallSlot(core.Id);
        await core.Writer.WriteAsync();
        Push();
        await core.Transcript.AppendEventAsync(lasted is { } d ? $"{transcriptLine} The call lasted {TranscriptText.Duration(d)}." : transcriptLine);
    }

    /// <summary>
    /// A transfer: the call's agent seat passes from <paramref name="fromAgentId"/> to <paramref name="to"/>, who joins
    /// when their workspace connects its media. True when a call goes on.
    /// </summary>
    public bool HandOver(string fromAgentId, Participant to)
    {
        if (S.Call is not { Status: not CallStatus.Ended } current) return false;
        current.Members.RemoveAll(m => m.ParticipantId == fromAgentId);
        current.Members.Add(new CallMember { ParticipantId = to.Id, Role = to.Role, DisplayName = to.DisplayName, VideoOn = current.Media == CallMedia.Video });
        room.Leave(fromAgentId);
        // A supervisor's whisper follows the session to its new agent.
        foreach (var supervisor in S.Supervisors) room.SetAudience(supervisor.AgentId, SessionSupervision.AudienceOf(S, supervisor));
        return true;
    }

    /// <summary>The assigned agent's call capacity counts every session's call: one more than it allows is refused.</summary>
    private Task TakeAgentCallSlotAsync() => S.AssignedAgentId is { } agentId
        ? TakeCallSlotAsync(agentId, S.Participants.LastOrDefault(p => p.Id == agentId)?.DisplayName ?? "The agent")
        : Task.CompletedTask;

    private async Task TakeCallSlotAsync(string agentId, string name)
    {
        if (!await core.Grains.GetAgent(agentId).TakeCallSlot(core.Id))
            throw EngagementException.Conflict($"{name} is on another call; try again in a moment.");
    }

    /// <summary>Only the visitor and the agents in the conversation (the assigned agent, its colleagues) take part in calls.</summary>
    public Participant Party(Caller caller)
    {
        core.EnsureAllowed(caller, core.IsVisitor(caller) || core.IsConversingAgent(caller), "Only the visitor and the agents in the conversation take part in the call.");
        return S.Participants.LastOrDefault(p => p.Id == caller.Id) ?? new Participant(caller.Id, ParticipantRole.Visitor, caller.DisplayName ?? "Visitor", core.Now, null);
    }

    /// <summary>The caller's member entry (a merged visitor id answers for the visitor).</summary>
    public CallMember Member(string callerId) =>
        MemberOrNull(callerId) ?? throw new InvalidOperationException($"{callerId} is not a member of the call.");

    /// <summary>The caller's member entry, or null for someone outside the call (a supervisor watching).</summary>
    public CallMember? MemberOrNull(string callerId) =>
        S.Call?.Members.FirstOrDefault(m => m.ParticipantId == callerId)
        ?? S.Call?.Members.FirstOrDefault(m => m.Role == ParticipantRole.Visitor && S.CustomerIds.Contains(callerId));

    /// <summary>
    /// Every connection gets the call as its audience sees it: the visitor's view leaves hidden supervisors out, and
    /// without <paramref name="visitorToo"/> the visitor is not told at all (a hidden supervisor's change).
    /// </summary>
    public void Push(bool visitorToo = true)
    {
        if (View(forStaff: true) is not { } staff) return;
        core.Connections.Push(ClientEvent.Call(staff), c => c.IsStaff);
        if (visitorToo) core.Connections.Push(ClientEvent.Call(View(forStaff: false)!), c => !c.IsStaff);
    }

    public CallView? ViewFor(Caller caller) => View(caller.IsStaff);

    /// <summary>
    /// The call as clients see it; whether media flows is the room's, not the stored state's. Supervisors in the
    /// room are listed for staff; the visitor sees only one who barged in.
    /// </summary>
    public CallView? View(bool forStaff) => S.Call is not { } c ? null : new CallView(
        core.Id, c.CallId, c.Status, c.Media, c.StartedBy, c.StartedAt, c.AnsweredAt, c.EndedAt, c.EndReason,
        [
            .. c.Members.Select(m => new CallParticipant(m.ParticipantId, m.Role, m.DisplayName, m.Joined, room.IsConnected(m.ParticipantId), m.AudioOn, m.VideoOn)),
            .. S.Supervisors
                .Where(x => c.Status != CallStatus.Ended && (forStaff || x.Mode == SupervisionMode.Barge) && room.IsPresent(x.AgentId))
                .Select(x => new CallParticipant(x.AgentId, ParticipantRole.Agent, x.DisplayName, true, room.IsConnected(x.AgentId),
                    x.Mode == SupervisionMode.Barge || x.WhisperAudio, false, x.Mode)),
        ],
        _version = Math.Max(_version + 1, core.Now.UtcTicks));

    private List<CallMember> Members(string starterId, CallMedia media) => S.Participants
        .Where(p => p.Role != ParticipantRole.System && p.LeftAt is null
            && (p.Role == ParticipantRole.Visitor || p.Id == S.AssignedAgentId || S.Members.Any(m => m.AgentId == p.Id && m.Kind == SessionMemberKind.Colleague)))
        .Select(p => new CallMember { ParticipantId = p.Id, Role = p.Role, DisplayName = p.DisplayName, Joined = p.Id == starterId, VideoOn = media == CallMedia.Video })
        .ToList();
}
